package io.kafleet.placement.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.StoredObject;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.FlaggerCanaries;
import io.kafleet.placement.PlacementApp;
import io.kafleet.placement.Records;
import io.kafleet.placement.ServiceHttp;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Flagger Canary applied through the API: stored on the policies topic, and its generation's
 * rollout request on the rollout requests topic, once; applying it again unchanged asks for
 * nothing, and a Canary kafleet cannot honour is refused by path and writes nothing.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CanaryApplyIT {

  private static final String CANARY = "flagger.app/Canary/test/podinfo";

  @Test
  void anAppliedCanaryIsStoredAndAsksForItsRolloutOnce(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    try (var registry =
            SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers())
                    .withTopic(testTopics.name("_schemas")));
        PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
      String base = app.url("");
      await("readiness")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ServiceHttp.get(base + "/actuator/health/readiness").statusCode() == 200);

      HttpResponse<String> applied = apply(base, FlaggerCanaries.podinfo());
      assertThat(applied.statusCode()).as("apply: %s", applied.body()).isEqualTo(200);
      assertThat(applied.body()).contains("\"result\":\"created\"");

      List<ConsumerRecord<String, StoredObject>> policies =
          Records.readAll(broker, registry.url(), topics.policies());
      assertThat(policies)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.key()).isEqualTo(CANARY);
                assertThat(record.value().getGeneration()).isEqualTo(1);
              });
      StoredObject stored = policies.get(0).value();
      List<ConsumerRecord<String, RolloutRequested>> requests =
          Records.readAll(broker, registry.url(), topics.rolloutRequests());
      assertThat(requests)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.key()).isEqualTo("canary.test.podinfo.1");
                RolloutRequested request = record.value();
                assertThat(request.getCorrelationId()).isEqualTo("canary.test.podinfo.1");
                assertThat(request.getVirtualService())
                    .isEqualTo(
                        new ObjectRef("networking.istio.io", "VirtualService", "test", "podinfo"));
                assertThat(request.getStableSubset()).isEqualTo("blue");
                assertThat(request.getCanarySubset()).isEqualTo("green");
                assertThat(request.getCanaryDeployment()).isEqualTo("podinfo-green");
                assertThat(request.getSteps())
                    .extracting(RolloutStep::getCanaryWeight)
                    .containsExactly(10, 20, 30, 40, 50, 100);
                assertThat(request.getGates().getRequireCanaryHealthy()).isTrue();
                assertThat(request.getGates().getStepTimeoutSeconds()).isEqualTo(60);
                assertThat(request.getGates().getWebhookUrl())
                    .isEqualTo("http://flagger-loadtester.test/");
                assertThat(request.getAnalysis().getIntervalSeconds()).isEqualTo(60);
                assertThat(request.getAnalysis().getThreshold()).isEqualTo(5);
                assertThat(request.getAnalysis().getMetrics()).hasSize(3);
                assertThat(request.getRequestedBy()).isEqualTo(stored.getAppliedBy());
                assertThat(request.getRequestedAt()).isEqualTo(stored.getAppliedAt());
              });

      HttpResponse<String> again = apply(base, FlaggerCanaries.podinfo());
      assertThat(again.statusCode()).as("apply again: %s", again.body()).isEqualTo(200);
      assertThat(again.body()).contains("\"result\":\"unchanged\"");
      assertThat(Records.readAll(broker, registry.url(), topics.rolloutRequests()))
          .as("the same Canary again asks for no second rollout")
          .hasSize(1);

      HttpResponse<String> refused =
          apply(
              base,
              FlaggerCanaries.podinfo()
                  .replace("type: rollout", "type: pre-rollout")
                  .replace("threshold: 5", "threshold: 3"));
      assertThat(refused.statusCode()).as("pre-rollout: %s", refused.body()).isEqualTo(400);
      assertThat(refused.body())
          .contains("\"field\":\"canary.yaml document 0 spec.analysis.webhooks[0].type\"")
          .contains("'pre-rollout' webhooks are not supported yet");
      assertThat(Records.readAll(broker, registry.url(), topics.policies()))
          .as("nothing stored")
          .hasSize(1);
      assertThat(Records.readAll(broker, registry.url(), topics.rolloutRequests()))
          .as("no rollout asked for")
          .hasSize(1);
    }
  }

  private static HttpResponse<String> apply(String base, String yaml) throws Exception {
    return ServiceHttp.postYaml(base + "/api/v1/apply?source=canary.yaml", yaml);
  }
}
