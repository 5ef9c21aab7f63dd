package io.kafleet.placement.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.placement.FlaggerCanaries;
import io.kafleet.placement.SharedScenarios;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.core.SingleWriter;
import io.kafleet.placement.core.TemplateRenderer;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.schemas.ObjectKey;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handlers decide through the single writer: each apply or shift is one decision, written at
 * once (one transaction in the Kafka adapter), and renders only what it touches. No broker: the
 * decision writer records what it is given.
 */
class HandlersTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ObjectKey PODINFO =
      new ObjectKey("networking.istio.io", "VirtualService", "default", "podinfo");

  private final List<ObjectKey> rendered = new ArrayList<>();
  private final List<List<Intent>> written = new ArrayList<>();
  private boolean kafkaDown;
  private FleetModel model;
  private TemplatesHandler templates;
  private ShiftsHandler shifts;

  @BeforeEach
  void handlers() {
    TemplateRenderer counting =
        (template, own, follows, policies, overrides, clusters) -> {
          rendered.add(template.ref().key());
          return TemplateRenderer.DESIRED_WORKS.plan(
              template, own, follows, policies, overrides, clusters);
        };
    model =
        new FleetModel(
            counting,
            new SecretSealing(false, new byte[32]),
            key -> Map.of(),
            Clock.systemUTC(),
            Duration.ofMinutes(10));
    Map<String, MemberState> members = new TreeMap<>();
    members.put("member1", new MemberState("member1", Map.of(), true, true));
    members.put("member2", new MemberState("member2", Map.of(), true, true));
    model.loadMembers(members, Map.of());
    SingleWriter writer =
        new SingleWriter(
            model,
            intents -> {
              if (kafkaDown) {
                throw new IllegalStateException("the broker is gone");
              }
              written.add(List.copyOf(intents));
            });
    templates =
        new TemplatesHandler(
            writer,
            () -> {},
            new TemplateSealing(Optional.empty(), false),
            Integer.MAX_VALUE,
            Clock.systemUTC());
    shifts = new ShiftsHandler(templates);
  }

  @Test
  void anApplyIsOneDecisionWrittenAtOnceStoredObjectsFirst() throws Exception {
    List<ApplyResult> results = templates.apply("fleet.yaml", fleet(), "test");

    assertThat(results).hasSize(12).allMatch(result -> result.result().equals("created"));
    assertThat(written).as("one transaction").hasSize(1);
    List<Intent> intents = written.get(0);
    assertThat(intents.stream().filter(Intent.Store.class::isInstance)).hasSize(12);
    assertThat(intents.stream().filter(Intent.PutWork.class::isInstance))
        .as("the VirtualService and 10 ConfigMaps, in both clusters")
        .hasSize(22);
    assertThat(intents.stream().filter(Intent.Publish.class::isInstance))
        .as("the statuses of the templates whose works changed")
        .hasSize(11);
    assertThat(intents.stream().filter(Intent.PutSchedule.class::isInstance))
        .as("the scheduling decisions of the 11 templates placed")
        .hasSize(11);
    assertThat(kinds(intents))
        .as("stored objects, then works, then what was decided, then events")
        .isEqualTo(List.of("Store", "PutWork", "PutSchedule", "Publish"));

    written.clear();
    assertThat(templates.apply("fleet.yaml", fleet(), "test"))
        .allMatch(result -> result.result().equals("unchanged"));
    assertThat(written).as("nothing changed, nothing written").isEmpty();
  }

  @Test
  void aShiftRendersOnlyItsVirtualServiceInOneDecision() throws Exception {
    templates.apply("fleet.yaml", fleet(), "test");
    rendered.clear();
    written.clear();

    shifts.shift(shift(List.of("member1")));
    assertThat(rendered).containsExactly(PODINFO);
    assertThat(written).hasSize(1);
    assertThat(written.get(0))
        .filteredOn(Intent.PutWork.class::isInstance)
        .extracting(intent -> ((Intent.PutWork) intent).work().cluster())
        .as("the per-cluster weights reach member1 only")
        .containsExactly("member1");

    rendered.clear();
    written.clear();
    shifts.shift(shift(List.of()));
    assertThat(rendered).containsExactly(PODINFO);
    assertThat(written).hasSize(1);
    assertThat(written.get(0))
        .as("the VirtualService stored and its per-cluster weights forgotten, together")
        .anyMatch(Intent.Store.class::isInstance)
        .anyMatch(
            intent ->
                intent instanceof Intent.Forget forget
                    && forget.key().name().equals("kafleet-weights-podinfo"));
  }

  @Test
  void aShiftsTestRouteReachesTheNamedClustersWorkAndAMalformedOneChangesNothing()
      throws Exception {
    templates.apply("fleet.yaml", fleet(), "test");
    written.clear();
    TrafficShiftRequested withTestRoute = shift(List.of("member1"));
    withTestRoute.setTestRoute(
        new TestRoute(
            "green",
            List.of(new HeaderMatch(Map.of("x-canary", new StringMatch("true", null, null))))));

    shifts.shift(withTestRoute);
    List<String> member1Routes =
        written.get(0).stream()
            .filter(Intent.PutWork.class::isInstance)
            .map(intent -> ((Intent.PutWork) intent).work())
            .filter(work -> work.cluster().equals("member1"))
            .flatMap(work -> JSON.readTree(work.manifest()).path("spec").path("http").valueStream())
            .map(route -> route.path("name").asString("(unnamed)"))
            .toList();
    assertThat(member1Routes).containsExactly("kafleet-test-route", "(unnamed)");

    written.clear();
    TrafficShiftRequested noMatches = shift(List.of());
    noMatches.setTestRoute(new TestRoute("green", List.of()));
    assertThatThrownBy(() -> shifts.shift(noMatches))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("testRoute.matches");
    assertThat(written).as("nothing written for a refused shift").isEmpty();
  }

  @Test
  void anApplyThatBreaksACopyIsRefusedAndChangesNothing() throws Exception {
    templates.apply("fleet.yaml", fleet(), "test");
    written.clear();
    String unfit =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: unfit, namespace: default}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: cm-3}]
          overrideRules:
            - overriders: {plaintext: [{path: /spec/strategy/type, operator: replace, value: x}]}
        """;

    assertThatThrownBy(() -> templates.apply("unfit.yaml", unfit, "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unfit.yaml document 0");
    assertThat(written).isEmpty();
    assertThat(templates.find(ObjectKey.parse("policy.karmada.io/OverridePolicy/default/unfit")))
        .isEmpty();
  }

  @Test
  void aVirtualServiceWhoseWeightsDoNotSumTo100IsRefusedAndNothingOfTheApplyIsStored() {
    String input =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: innocent}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
            - route:
                - {destination: {host: reviews, subset: v1}, weight: 50}
                - {destination: {host: reviews, subset: v2}, weight: 40}
        """;

    assertThatThrownBy(() -> templates.apply("vs.yaml", input, "test"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> {
              InvalidInputException invalid = (InvalidInputException) e;
              assertThat(invalid.field())
                  .isEqualTo("vs.yaml document 1 (VirtualService reviews) spec.http[0].route");
              assertThat(invalid.reason()).startsWith("weights sum to 90, not 100");
            });
    assertThat(written).isEmpty();
    assertThat(templates.list()).isEmpty();
  }

  @Test
  void subsetsAreCheckedAgainstTheDestinationRuleStoredOrAppliedWithTheVirtualService() {
    String rule =
        """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec: {host: reviews, subsets: [{name: v1}, {name: v2}]}
        """;
    String virtualService =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
            - route:
                - {destination: {host: reviews, subset: v1}, weight: 50}
                - {destination: {host: reviews, subset: %s}, weight: 50}
        """;
    assertThat(templates.apply("both.yaml", virtualService.formatted("v2") + "---\n" + rule, "t"))
        .hasSize(2);
    written.clear();

    assertThatThrownBy(() -> templates.apply("vs.yaml", virtualService.formatted("v3"), "t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "vs.yaml document 0 (VirtualService reviews) spec.http[0].route[1].destination.subset:"
                + " subset \"v3\" is not in DestinationRule default/reviews (known: v1, v2)");
    assertThat(written).isEmpty();
  }

  @Test
  void aDecisionKafkaDidNotTakeLeavesTheFleetAsItWas() throws Exception {
    kafkaDown = true;
    assertThatThrownBy(() -> templates.apply("fleet.yaml", fleet(), "test"))
        .hasMessageContaining("the broker is gone");
    assertThat(templates.list()).isEmpty();
    assertThat(model.emitted()).isEmpty();

    kafkaDown = false;
    assertThat(templates.apply("fleet.yaml", fleet(), "test"))
        .allMatch(result -> result.result().equals("created"));
    assertThat(written).hasSize(1);
  }

  @Test
  void aCanaryAsksForOneRolloutPerGenerationWithItsStoredFormAndPlacesNothing() {
    ObjectKey canary = ObjectKey.parse("flagger.app/Canary/test/podinfo");

    assertThat(templates.apply("canary.yaml", FlaggerCanaries.podinfo(), "alice"))
        .extracting(ApplyResult::result)
        .containsExactly("created");
    assertThat(written).as("one transaction").hasSize(1);
    assertThat(kinds(written.get(0)))
        .as("the Canary stored as a policy, then its rollout; no work")
        .containsExactly("Store", "RequestRollout");
    Intent.Store store = (Intent.Store) written.get(0).get(0);
    assertThat(store.template()).as("kafleet.policies, not kafleet.templates").isFalse();
    assertThat(store.key()).isEqualTo(canary);
    Intent.RequestRollout first = (Intent.RequestRollout) written.get(0).get(1);
    assertThat(first.request().getCorrelationId()).isEqualTo("canary.test.podinfo.1");
    assertThat(first.request().getRequestedBy()).isEqualTo("alice");
    assertThat(first.request().getRequestedAt())
        .as("the apply's time, as the stored Canary's")
        .isEqualTo(store.stored().getAppliedAt());
    assertThat(rendered).as("a Canary places nothing").isEmpty();

    written.clear();
    assertThat(templates.apply("canary.yaml", FlaggerCanaries.podinfo(), "alice"))
        .extracting(ApplyResult::result)
        .containsExactly("unchanged");
    assertThat(written).as("the same Canary again asks for nothing").isEmpty();

    assertThat(
            templates.apply(
                "canary.yaml",
                FlaggerCanaries.podinfo().replace("threshold: 5", "threshold: 3"),
                "bob"))
        .extracting(ApplyResult::result)
        .containsExactly("configured");
    assertThat(written).hasSize(1);
    assertThat(written.get(0))
        .filteredOn(Intent.RequestRollout.class::isInstance)
        .extracting(intent -> ((Intent.RequestRollout) intent).request())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getCorrelationId()).isEqualTo("canary.test.podinfo.2");
              assertThat(request.getRequestedBy()).isEqualTo("bob");
              assertThat(request.getAnalysis().getThreshold()).isEqualTo(3);
            });

    written.clear();
    assertThat(templates.delete(canary)).isTrue();
    assertThat(written)
        .singleElement()
        .as("deleting the Canary tombstones it and asks for nothing")
        .isEqualTo(List.of(new Intent.Forget(canary, false)));
    assertThat(templates.find(canary)).isEmpty();
  }

  @Test
  void canariesWhoseNamesJoinAlikeRequestRolloutsOfTheirOwn() {
    assertThat(templates.apply("a.yaml", canary("a-b", "c"), "alice")).hasSize(1);
    assertThat(templates.apply("b.yaml", canary("a", "b-c"), "alice")).hasSize(1);
    assertThat(written.stream().flatMap(List::stream))
        .filteredOn(Intent.RequestRollout.class::isInstance)
        .extracting(i -> ((Intent.RequestRollout) i).request().getCorrelationId())
        .containsExactly("canary.a-b.c.1", "canary.a.b-c.1");
  }

  private static String canary(String namespace, String name) {
    return """
        apiVersion: flagger.app/v1beta1
        kind: Canary
        metadata: {name: %s, namespace: %s}
        spec:
          targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
          analysis: {stepWeight: 50}
        """
        .formatted(name, namespace);
  }

  private static String fleet() throws Exception {
    String configMaps =
        IntStream.rangeClosed(1, 10)
            .mapToObj(i -> "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-" + i + "}\n---\n")
            .collect(Collectors.joining());
    return configMaps
        + """
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterPropagationPolicy
        metadata: {name: config}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]
          placement: {clusterAffinity: {}}
        ---
        """
        + Files.readString(
            SharedScenarios.scenario("podinfo-blue-green").resolve("virtualservice-blue.yaml"));
  }

  private static TrafficShiftRequested shift(List<String> clusters) {
    return TrafficShiftRequested.newBuilder()
        .setShiftId("s-" + clusters.size())
        .setVirtualService(
            new ObjectRef(PODINFO.group(), PODINFO.kind(), PODINFO.namespace(), PODINFO.name()))
        .setWeights(
            new RouteWeights(
                null,
                0,
                List.of(
                    new DestinationWeight("podinfo", "green", 80, 80),
                    new DestinationWeight("podinfo", "blue", 80, 20))))
        .setClusters(clusters)
        .setRequestedBy("test")
        .setRequestedAt(Instant.now())
        .build();
  }

  /** The kinds of intent in the order they come, each run of one kind once. */
  private static List<String> kinds(List<Intent> intents) {
    List<String> kinds = new ArrayList<>();
    for (Intent intent : intents) {
      String kind = intent.getClass().getSimpleName();
      if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
        kinds.add(kind);
      }
    }
    return kinds;
  }
}
