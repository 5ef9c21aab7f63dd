package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.devstack.DevCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scheduling that keeps its decisions, on a dev stack of its own with three real members (member1
 * and member2 in region eu-west, member3 in us-east), whose agents are stopped and started as when
 * a member's agent (or the whole member) goes away: a blip shorter than the policies' 20 s {@code
 * tolerationSeconds} moves nothing; a longer absence evicts member1's templates, whose works stay
 * there until the replacements report healthy and are then removed, which member1's agent carries
 * out when it is back; and then nothing moves while heartbeats go on. Then a NoSchedule taint keeps
 * what is placed and blocks what is new, a Divided split survives changes of the members' capacity,
 * and spreadConstraints by region place a template in both regions.
 *
 * <p>The dev stack has no controllers in its members, so this test plays member2's and member3's
 * Deployment controller: it writes a Deployment's status when the replacement is to be healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverE2EIT {

  private static final List<String> MEMBERS = List.of("member1", "member2", "member3");
  private static final Map<String, String> REGIONS =
      Map.of("member1", "eu-west", "member2", "eu-west", "member3", "us-east");

  /** How long nothing may move once member1 is back: 30 heartbeats of every member. */
  private static final Duration STABLE =
      Duration.parse(System.getProperty("kafleet.e2e.failover-stable-window", "PT60S"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FLEET =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 6
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: pinned, namespace: default}
      data: {where: member1 only}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: web, namespace: default}
      spec:
        resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
        placement:
          clusterAffinity: {clusterNames: [member1, member2, member3]}
          clusterTolerations:
            - {key: cluster.karmada.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 20}
          replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: pinned, namespace: default}
      spec:
        resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: pinned}]
        placement:
          clusterAffinity: {clusterNames: [member1]}
          clusterTolerations:
            - {key: cluster.karmada.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 20}
      """;

  private static Suite suite;
  private static DevCluster member1;
  private static ApiCalls api;

  @BeforeAll
  static void threeMembersWithWebAndPinned() throws IOException {
    suite =
        Suite.start(MEMBERS.stream().map(member -> member + "@" + REGIONS.get(member)).toList());
    member1 = suite.cluster("member1");
    api = ApiCalls.trusting(suite.stack().sslContext());
    Path fleet = Files.createTempFile(suite.state(), "failover-", ".yaml");
    Files.writeString(fleet, FLEET);
    suite.kafleet("apply", "-f", fleet.toString());
    Suite.await(
        () -> replicas().equals(Map.of("member1", 2, "member2", 2, "member3", 2)),
        "web divided 2/2/2 in the members' API servers");
    Suite.await(() -> hasPinned("member1"), "pinned in member1");
  }

  @AfterAll
  static void stop() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  @Order(1)
  void aBlipShorterThanTheTolerationMovesNothing() {
    member1.stopAgent();
    Suite.await(() -> !ready("member1"), "member1 NotReady in placement-service");
    member1.startAgent();
    Suite.await(() -> ready("member1"), "member1 Ready again");

    assertThat(placementChanges()).as("no eviction").isEmpty();
    assertThat(statusClusters("deployments", "web"))
        .containsExactly("member1", "member2", "member3");
    assertThat(replicas()).isEqualTo(Map.of("member1", 2, "member2", 2, "member3", 2));
  }

  @Test
  @Order(2)
  void
      anAgentGoneLongerThanTheToleranceLosesItsTemplatesAndKeepsTheirObjectsUntilTheReplacementsAreHealthy() {
    member1.stopAgent();

    await("member1 evicted from web and pinned")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> placementChanges().size() >= 2);
    assertThat(placementChanges())
        .containsExactlyInAnyOrder(
            "Evicted apps/Deployment/default/web from member1; placed in [member2, member3]",
            "Evicted core/ConfigMap/default/pinned from member1; placed in []");
    assertThat(explain("deployment", "web"))
        .contains("Evicted from member1 at")
        .contains("not ready since")
        .contains("longer than the 20 s tolerated")
        .contains("its works there: kept until the template is healthy where it went");
    Suite.await(
        () -> replicas().equals(Map.of("member1", 2, "member2", 3, "member3", 3)),
        "member1's two replicas divided between member2 and member3");

    // The replacements are not healthy yet (no controller has run them): member1 keeps its work.
    await("member1's work of web kept while its replacements are not healthy")
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(30))
        .until(() -> statusClusters("deployments", "web").contains("member1"));

    for (String member : List.of("member2", "member3")) {
      runTheDeployment(member, 3);
    }
    Suite.await(
        () -> !statusClusters("deployments", "web").contains("member1"),
        "web's work in member1 removed once member2 and member3 report it healthy");
    // The event tail reads the events topic on its own, a moment after the decision it belongs to.
    Suite.await(
        () ->
            placementChanges()
                .contains(
                    "Released apps/Deployment/default/web from member1; placed in [member2,"
                        + " member3]"),
        "a Released event for web in member1");
    assertThat(statusClusters("configmaps", "pinned"))
        .as("pinned can go nowhere else: kept in member1 for the grace period")
        .containsExactly("member1");
    assertThat(replicasIn("member1"))
        .as("member1's agent is away: its API server still has web")
        .isEqualTo(2);
  }

  @Test
  @Order(3)
  void member1BackDeletesWhatWasEvictedLiftsItsTaintAndNothingMovesAfterwards() throws Exception {
    member1.startAgent();

    Suite.await(() -> replicasIn("member1") == 0, "web deleted from member1 by its agent");
    Suite.await(() -> ready("member1"), "member1 Ready again");
    assertThat(cluster("member1").path("taints").size()).as("taint lifted").isZero();
    Suite.await(
        () ->
            placementChanges()
                .contains(
                    "Released core/ConfigMap/default/pinned from member1; placed in [member1]"),
        "pinned's eviction ended: member1 may have it again");
    assertThat(hasPinned("member1")).as("pinned never left member1").isTrue();

    Map<String, Integer> split = replicas();
    assertThat(split).isEqualTo(Map.of("member1", 0, "member2", 3, "member3", 3));
    List<String> decided = placementChanges();
    await("nothing moving while heartbeats go on")
        .during(STABLE)
        .atMost(STABLE.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                replicas().equals(split)
                    && hasPinned("member1")
                    && placementChanges().equals(decided)
                    && statusClusters("deployments", "web").equals(List.of("member2", "member3")));
  }

  @Test
  @Order(4)
  void aNoScheduleTaintKeepsWhatIsPlacedAndBlocksWhatIsNew() throws IOException {
    admit("member2", "[{\"key\":\"maintenance\",\"effect\":\"NoSchedule\"}]");
    try {
      apply(configMap("late") + policy("late", "v1", "ConfigMap", ""));
      Suite.await(() -> hasConfigMap("member1", "late"), "late in member1");
      Suite.await(() -> hasConfigMap("member3", "late"), "late in member3");

      await("nothing new in member2")
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(20))
          .until(() -> !hasConfigMap("member2", "late"));
      assertThat(explain("configmap", "late"))
          .contains("taint maintenance:NoSchedule not tolerated");
      assertThat(explain("deployment", "web"))
          .contains("kept though taint maintenance:NoSchedule is not tolerated");
      assertThat(replicasIn("member2", "web")).as("web stays in member2").isEqualTo(3);
    } finally {
      admit("member2", "[]");
    }
  }

  @Test
  @Order(5)
  void aDividedSplitStaysWhileTheMembersCapacityChanges() throws IOException {
    MEMBERS.forEach(member -> node(member, "4"));
    Suite.await(
        () -> MEMBERS.stream().allMatch(member -> allocatableCpuMillis(member) == 4000),
        "every member's 4 CPUs in its heartbeat");
    String divided =
        """
          replicaScheduling:
            replicaSchedulingType: Divided
            replicaDivisionPreference: Weighted
            weightPreference: {dynamicWeight: AvailableReplicas}
        """;
    apply(deployment("api") + policy("api", "apps/v1", "Deployment", divided));
    Suite.await(() -> total(replicas("api")) == 10, "api's 10 replicas in the members");
    Map<String, Integer> split = replicas("api");

    node("member1", "16");
    node("member3", "1");
    Suite.await(
        () -> allocatableCpuMillis("member1") == 16000 && allocatableCpuMillis("member3") == 1000,
        "member1's 16 and member3's 1 CPU in their heartbeats");
    apply(deployment("api-later") + policy("api-later", "apps/v1", "Deployment", divided));
    Suite.await(() -> total(replicas("api-later")) == 10, "api-later's 10 replicas");

    assertThat(replicas("api-later"))
        .as("a new Deployment is divided by the room there is now")
        .isNotEqualTo(split);
    await("api keeping its split")
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(30))
        .until(() -> replicas("api").equals(split));
  }

  @Test
  @Order(6)
  void spreadConstraintsByRegionPlaceATemplateInBothRegions() throws IOException {
    apply(
        configMap("spread")
            + policy(
                "spread",
                "v1",
                "ConfigMap",
                """
                  spreadConstraints:
                    - {spreadByField: region, minGroups: 2, maxGroups: 2}
                    - {spreadByField: cluster, minGroups: 2, maxGroups: 2}
                """));
    Suite.await(
        () -> MEMBERS.stream().filter(member -> hasConfigMap(member, "spread")).count() == 2,
        "spread in two members");

    TreeSet<String> regions = new TreeSet<>();
    MEMBERS.stream()
        .filter(member -> hasConfigMap(member, "spread"))
        .forEach(member -> regions.add(REGIONS.get(member)));
    assertThat(regions).containsExactly("eu-west", "us-east");
    assertThat(explain("configmap", "spread"))
        .contains("spread over regions eu-west, us-east (minGroups 2, maxGroups 2)");
  }

  // ---- what the fleet says

  private static boolean ready(String member) {
    return cluster(member).path("ready").asBoolean();
  }

  private static JsonNode cluster(String member) {
    return json(
        api.get(suite.stack().placementUrl() + "/api/v1/clusters/" + member, admin()).body());
  }

  /** Each PlacementChanged event so far, oldest first, in words. */
  private static List<String> placementChanges() {
    List<String> changes = new ArrayList<>();
    JsonNode events =
        json(api.get(suite.stack().placementUrl() + "/api/v1/events?limit=1000", admin()).body());
    for (JsonNode event : events) {
      if (event.path("type").asText().equals("PlacementChanged")) {
        JsonNode payload = event.path("payload");
        List<String> placedIn = new ArrayList<>();
        payload.path("placedIn").forEach(cluster -> placedIn.add(cluster.asText()));
        changes.add(
            payload.path("change").asText()
                + " "
                + payload.path("objectKey").asText()
                + " from "
                + payload.path("cluster").asText()
                + "; placed in "
                + placedIn);
      }
    }
    return changes;
  }

  /** The clusters placement-service has the template's work in, by its status. */
  private static List<String> statusClusters(String kind, String name) {
    for (JsonNode template : json(suite.kafleet("get", kind, "-o", "json")).path("items")) {
      if (template.path("metadata").path("name").asText().equals(name)) {
        TreeSet<String> clusters = new TreeSet<>();
        template
            .path("status")
            .path("clusters")
            .forEach(c -> clusters.add(c.path("cluster").asText()));
        return List.copyOf(clusters);
      }
    }
    throw new AssertionError("no " + kind + " " + name + " in the fleet");
  }

  private static long allocatableCpuMillis(String member) {
    return cluster(member).path("lastHeartbeat").path("allocatableCpuMillis").asLong();
  }

  private static String explain(String kind, String name) {
    return suite.kafleet("explain", kind, name);
  }

  private static String admin() {
    return suite.stack().tokens().admin();
  }

  // ---- what the user does

  private static void apply(String yaml) throws IOException {
    Path file = Files.createTempFile(suite.state(), "failover-", ".yaml");
    Files.writeString(file, yaml);
    suite.kafleet("apply", "-f", file.toString());
  }

  /** The operator's decision on the member: accepted, with these taints (a JSON list). */
  private static void admit(String member, String taints) {
    var admitted =
        api.put(
            suite.stack().placementUrl() + "/api/v1/clusters/" + member + "/admission",
            admin(),
            "application/json",
            "{\"accepted\":true,\"taints\":" + taints + "}");
    assertThat(admitted.statusCode()).as("admission: %s", admitted.body()).isEqualTo(200);
  }

  private static String policy(String name, String apiVersion, String kind, String placement) {
    return """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: %1$s, namespace: default}
        spec:
          resourceSelectors: [{apiVersion: %2$s, kind: %3$s, name: %1$s}]
          placement:
            clusterAffinity: {clusterNames: [member1, member2, member3]}
        %4$s
        ---
        """
        .formatted(name, apiVersion, kind, placement.indent(2).stripTrailing());
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
        + name
        + ", namespace: default}\ndata: {a: b}\n---\n";
  }

  /** Ten replicas of half a CPU each. */
  private static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %1$s, namespace: default}
        spec:
          replicas: 10
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec:
              containers:
                - {name: app, image: nginx, resources: {requests: {cpu: 500m}}}
        ---
        """
        .formatted(name);
  }

  // ---- what the members' API servers hold

  /** web's spec.replicas in each member, 0 where it is not. */
  private static Map<String, Integer> replicas() {
    return replicas("web");
  }

  /** The Deployment's spec.replicas in each member, 0 where it is not. */
  private static Map<String, Integer> replicas(String deployment) {
    Map<String, Integer> replicas = new TreeMap<>();
    MEMBERS.forEach(member -> replicas.put(member, replicasIn(member, deployment)));
    return replicas;
  }

  private static int total(Map<String, Integer> replicas) {
    return replicas.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static int replicasIn(String member) {
    return replicasIn(member, "web");
  }

  private static int replicasIn(String member, String deployment) {
    try (KubernetesClient client = suite.member(member)) {
      Deployment found =
          client.apps().deployments().inNamespace("default").withName(deployment).get();
      return found == null ? 0 : found.getSpec().getReplicas();
    }
  }

  private static boolean hasPinned(String member) {
    return hasConfigMap(member, "pinned");
  }

  private static boolean hasConfigMap(String member, String name) {
    try (KubernetesClient client = suite.member(member)) {
      return client.configMaps().inNamespace("default").withName(name).get() != null;
    }
  }

  /** The member's one node, with this many CPUs to allocate, as its kubelet would report it. */
  private static void node(String member, String cpus) {
    try (KubernetesClient client = suite.member(member)) {
      Node node = client.nodes().withName("node-1").get();
      if (node == null) {
        node =
            client
                .nodes()
                .resource(
                    new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build())
                .create();
      }
      Map<String, Quantity> resources =
          Map.of(
              "cpu",
              new Quantity(cpus),
              "memory",
              new Quantity("64Gi"),
              "pods",
              new Quantity("110"));
      node.setStatus(
          new NodeStatusBuilder().withCapacity(resources).withAllocatable(resources).build());
      client.nodes().resource(node).updateStatus();
    }
  }

  /** What the member's Deployment controller would write once web's replicas run. */
  private static void runTheDeployment(String member, int replicas) {
    try (KubernetesClient client = suite.member(member)) {
      Deployment web = client.apps().deployments().inNamespace("default").withName("web").get();
      web.setStatus(
          new DeploymentStatusBuilder()
              .withObservedGeneration(web.getMetadata().getGeneration())
              .withReplicas(replicas)
              .withUpdatedReplicas(replicas)
              .withReadyReplicas(replicas)
              .withAvailableReplicas(replicas)
              .build());
      client.apps().deployments().inNamespace("default").resource(web).updateStatus();
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
