package io.kafleet.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafleet.events.DestinationWeight;
import io.kafleet.events.Health;
import io.kafleet.schemas.ObjectKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStatusTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void deploymentWithEveryReplicaUpdatedReadyAndAvailableIsHealthy() {
    Live live =
        LiveStatus.of(
            key("apps", "Deployment"),
            tree(
                """
                {"metadata": {"generation": 2}, "spec": {"replicas": 3},
                 "status": {"observedGeneration": 2, "replicas": 3, "readyReplicas": 3,
                            "updatedReplicas": 3, "availableReplicas": 3}}
                """));

    assertThat(live.health()).isEqualTo(Health.Healthy);
    assertThat(live.summary()).containsEntry("readyReplicas", "3/3");
  }

  @Test
  void deploymentWithPodsNotReadyYetIsProgressing() {
    Live live =
        LiveStatus.of(
            key("apps", "Deployment"),
            tree(
                """
                {"metadata": {"generation": 1}, "spec": {"replicas": 2},
                 "status": {"observedGeneration": 1, "replicas": 2, "readyReplicas": 1,
                            "updatedReplicas": 2, "availableReplicas": 1}}
                """));

    assertThat(live.health()).isEqualTo(Health.Progressing);
    assertThat(live.summary()).containsEntry("readyReplicas", "1/2");
  }

  @Test
  void deploymentWhoseNewSpecTheControllerHasNotSeenIsProgressing() {
    Live live =
        LiveStatus.of(
            key("apps", "Deployment"),
            tree(
                """
                {"metadata": {"generation": 3}, "spec": {"replicas": 1},
                 "status": {"observedGeneration": 2, "replicas": 1, "readyReplicas": 1,
                            "updatedReplicas": 1, "availableReplicas": 1}}
                """));

    assertThat(live.health()).isEqualTo(Health.Progressing);
  }

  @Test
  void deploymentPastItsProgressDeadlineIsUnhealthy() {
    Live live =
        LiveStatus.of(
            key("apps", "Deployment"),
            tree(
                """
                {"metadata": {"generation": 1}, "spec": {"replicas": 1},
                 "status": {"observedGeneration": 1, "conditions": [
                   {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}]}}
                """));

    assertThat(live.health()).isEqualTo(Health.Unhealthy);
  }

  @Test
  void statefulSetIsHealthyOnlyOnceEveryPodRunsTheUpdateRevision() {
    String status =
        """
        {"metadata": {"generation": 1}, "spec": {"replicas": 2},
         "status": {"observedGeneration": 1, "readyReplicas": 2, "updatedReplicas": 2,
                    "currentRevision": "%s", "updateRevision": "web-2"}}
        """;

    assertThat(LiveStatus.of(key("apps", "StatefulSet"), tree(status.formatted("web-1"))).health())
        .isEqualTo(Health.Progressing);
    assertThat(LiveStatus.of(key("apps", "StatefulSet"), tree(status.formatted("web-2"))).health())
        .isEqualTo(Health.Healthy);
  }

  @Test
  void daemonSetIsHealthyWhenEveryScheduledPodIsReady() {
    Live live =
        LiveStatus.of(
            key("apps", "DaemonSet"),
            tree(
                """
                {"metadata": {"generation": 1},
                 "status": {"observedGeneration": 1, "desiredNumberScheduled": 3, "numberReady": 2,
                            "updatedNumberScheduled": 3, "numberAvailable": 2}}
                """));

    assertThat(live.health()).isEqualTo(Health.Progressing);
    assertThat(live.summary()).containsEntry("numberReady", "2/3");
  }

  @Test
  void jobIsJudgedByCompletion() {
    String job =
        """
        {"status": {"succeeded": %d, "conditions": [{"type": "%s", "status": "True"}]}}
        """;

    assertThat(LiveStatus.of(key("batch", "Job"), tree(job.formatted(1, "Complete"))).health())
        .isEqualTo(Health.Healthy);
    assertThat(LiveStatus.of(key("batch", "Job"), tree(job.formatted(0, "Failed"))).health())
        .isEqualTo(Health.Unhealthy);
    assertThat(LiveStatus.of(key("batch", "Job"), tree("{\"status\": {\"active\": 1}}")).health())
        .isEqualTo(Health.Progressing);
  }

  @Test
  void configurationObjectsAreHealthyWhenTheyExistAndUnhealthyWhenMissing() {
    assertThat(LiveStatus.of(key("core", "ConfigMap"), tree("{}")).health())
        .isEqualTo(Health.Healthy);
    assertThat(LiveStatus.of(key("core", "ServiceAccount"), tree("{}")).health())
        .isEqualTo(Health.Healthy);
    assertThat(LiveStatus.of(key("core", "ConfigMap"), null).health()).isEqualTo(Health.Unhealthy);
  }

  @Test
  void serviceSummaryNamesItsTypeAndAddress() {
    Live live =
        LiveStatus.of(key("core", "Service"), tree("{\"spec\": {\"clusterIP\": \"10.0.0.7\"}}"));

    assertThat(live.health()).isEqualTo(Health.Healthy);
    assertThat(live.summary())
        .containsEntry("type", "ClusterIP")
        .containsEntry("clusterIP", "10.0.0.7");
  }

  @Test
  void kindsWithoutAnInterpretationAreUnknown() {
    assertThat(LiveStatus.of(key("example.com", "Widget"), tree("{}")).health())
        .isEqualTo(Health.Unknown);
  }

  @Test
  void virtualServiceReportsTheWeightsItsSpecHolds() {
    Live live =
        LiveStatus.of(
            key("networking.istio.io", "VirtualService"),
            tree(
                """
                {"spec": {"http": [
                  {"name": "primary", "route": [
                    {"destination": {"host": "podinfo", "subset": "green", "port": {"number": 9898}},
                     "weight": 80},
                    {"destination": {"host": "podinfo", "subset": "blue"}, "weight": 20}]},
                  {"route": [{"destination": {"host": "fallback"}}]}]}}
                """));

    assertThat(live.health()).isEqualTo(Health.Healthy);
    assertThat(live.observedWeights()).hasSize(2);
    assertThat(live.observedWeights().get(0).getRouteName()).isEqualTo("primary");
    assertThat(live.observedWeights().get(0).getDestinations())
        .extracting(
            DestinationWeight::getSubset, DestinationWeight::getWeight, DestinationWeight::getPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("green", 80, 9898),
            org.assertj.core.groups.Tuple.tuple("blue", 20, null));
    assertThat(live.observedWeights().get(1).getRouteIndex()).isEqualTo(1);
    assertThat(live.observedWeights().get(1).getDestinations().get(0).getWeight()).isEqualTo(100);
  }

  @Test
  void otherIstioObjectsAreHealthyWhenTheyExist() {
    assertThat(LiveStatus.of(key("networking.istio.io", "DestinationRule"), tree("{}")).health())
        .isEqualTo(Health.Healthy);
  }

  private static ObjectKey key(String group, String kind) {
    return new ObjectKey(group, kind, "shop", "thing");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String json) {
    return JSON.unmarshal(json, Map.class);
  }
}
