package io.kafleet.placement.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.scheduling.Capacity;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.RenderedWork;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet model renders only what a change can affect (counted through the renderer seam), and
 * what it keeps is always what rendering the whole fleet again would give.
 */
class FleetModelTest {

  private static final SecretSealing SEALING = new SecretSealing(false, new byte[32]);

  /** Every template the model rendered, in order. */
  private final List<ObjectKey> rendered = new ArrayList<>();

  private FleetModel model;
  private final Map<String, MemberState> members = new TreeMap<>();

  @BeforeEach
  void fleet() {
    TemplateRenderer counting =
        (template, own, follows, policies, overrides, clusters) -> {
          rendered.add(template.ref().key());
          return TemplateRenderer.DESIRED_WORKS.plan(
              template, own, follows, policies, overrides, clusters);
        };
    model =
        new FleetModel(
            counting, SEALING, key -> Map.of(), Clock.systemUTC(), Duration.ofMinutes(10));
    members.put("member1", new MemberState("member1", Map.of("env", "prod"), true, true));
    members.put("member2", new MemberState("member2", Map.of("env", "dev"), true, true));
    members.put("member3", new MemberState("member3", Map.of("env", "prod"), true, true));
    model.loadMembers(members, Map.of());
  }

  @Test
  void changingOneTemplateRendersThatTemplateOnly() {
    apply(configMaps(1, 40, "app: a") + policy("all-config", "kind: ConfigMap", "env: prod"));
    reconcileAll();
    rendered.clear();

    Decision decision = apply(configMap(7, "app: a", "changed"));

    assertThat(rendered).containsExactly(key("cm-7"));
    assertThat(decision.workChanges())
        .extracting(change -> change.id().toString())
        .containsExactly(
            new WorkId("member1", key("cm-7")).toString(),
            new WorkId("member3", key("cm-7")).toString());
    assertMatchesRenderingEverything();
  }

  @Test
  void aPolicyChangeRendersTheTemplatesItSelectsBeforeOrAfterAndNoOther() {
    apply(
        configMaps(1, 3, "app: a")
            + configMaps(4, 6, "app: b")
            + configMaps(7, 30, "app: c")
            + policy("by-label", "labelSelector: {matchLabels: {app: a}}", "env: prod"));
    reconcileAll();
    rendered.clear();

    apply(policy("by-label", "labelSelector: {matchLabels: {app: b}}", "env: prod"));
    assertThat(Set.copyOf(rendered))
        .as("cm-1..3 it selected before, cm-4..6 it selects now")
        .isEqualTo(keys(1, 6));
    assertThat(rendered).hasSize(6);
    assertMatchesRenderingEverything();

    rendered.clear();
    apply(policy("named", "name: cm-9", "env: dev"));
    assertThat(rendered).as("a new policy renders what it selects").containsExactly(key("cm-9"));
    assertMatchesRenderingEverything();

    rendered.clear();
    delete(ObjectKey.parse("policy.karmada.io/PropagationPolicy/default/by-label"));
    assertThat(Set.copyOf(rendered)).isEqualTo(keys(4, 6));
    assertMatchesRenderingEverything();
  }

  @Test
  void anOverridePolicyChangeRendersTheTemplatesItSelects() {
    apply(configMaps(1, 20, "app: a") + policy("all-config", "kind: ConfigMap", "env: prod"));
    reconcileAll();
    rendered.clear();

    apply(
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: label-cm-3, namespace: default}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: cm-3}]
          overrideRules:
            - targetCluster: {clusterNames: [member1]}
              overriders: {labelsOverrider: [{operator: add, value: {tier: gold}}]}
        """);

    assertThat(rendered).containsExactly(key("cm-3"));
    assertMatchesRenderingEverything();
  }

  @Test
  void aClusterChangeReevaluatesOnlyThePlacementsThatCouldIncludeIt() {
    apply(
        configMaps(1, 5, "app: prod")
            + configMaps(6, 10, "app: dev")
            + policy("prod", "labelSelector: {matchLabels: {app: prod}}", "env: prod")
            + policy("dev", "labelSelector: {matchLabels: {app: dev}}", "env: dev")
            + """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: route}
            spec: {hosts: [route]}
            ---
            """);
    reconcileAll();
    rendered.clear();

    members.put("member1", new MemberState("member1", Map.of("env", "prod", "t", "x"), true, true));
    model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    assertThat(Set.copyOf(rendered))
        .as(
            "the prod placements could include member1, the dev ones could not; Istio rules go"
                + " everywhere")
        .isEqualTo(union(keys(1, 5), Set.of(virtualService())));
    assertMatchesRenderingEverything();

    rendered.clear();
    members.put("member1", new MemberState("member1", Map.of("env", "dev"), true, true));
    Decision moved = model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    assertThat(Set.copyOf(rendered))
        .as("before or after the change")
        .isEqualTo(union(keys(1, 10), Set.of(virtualService())));
    assertThat(moved.workChanges())
        .filteredOn(change -> change instanceof WorkChange.Remove)
        .extracting(change -> change.id().cluster())
        .containsOnly("member1")
        .hasSize(5);
    assertMatchesRenderingEverything();

    rendered.clear();
    members.put(
        "member3",
        new MemberState(
            "member3",
            Map.of("env", "prod"),
            true,
            true,
            null,
            null,
            null,
            List.of(),
            Optional.of(new Capacity(8000, 16L << 30, 1000, 1L << 30))));
    model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    assertThat(rendered)
        .as("a new capacity changes nothing where replicas are not divided by it")
        .isEmpty();

    rendered.clear();
    members.put("member4", new MemberState("member4", Map.of("env", "qa"), true, true));
    model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    assertThat(rendered)
        .as("a joining cluster no policy could include")
        .containsExactly(virtualService());
    assertMatchesRenderingEverything();
  }

  @Test
  void aNotReadyClusterKeepsItsWorksUntilItIsBack() {
    apply(configMaps(1, 3, "app: a") + policy("all-config", "kind: ConfigMap", "env: prod"));
    reconcileAll();
    members.put("member1", new MemberState("member1", Map.of("env", "prod"), true, false));
    Decision notReady = model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    assertThat(notReady.workChanges()).as("a missed heartbeat never empties a cluster").isEmpty();

    apply(policy("all-config", "kind: ConfigMap", "env: nowhere"));
    assertThat(model.worksOf(key("cm-1"))).containsOnlyKeys("member1");

    members.put("member1", new MemberState("member1", Map.of("env", "prod"), true, true));
    Decision back = model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    assertThat(back.workChanges())
        .as("back and ready, it loses what is no longer placed there")
        .extracting(change -> change.id().toString())
        .containsExactlyElementsOf(
            keys(1, 3).stream()
                .map(key -> new WorkId("member1", key).toString())
                .sorted()
                .toList());
    assertMatchesRenderingEverything();
  }

  @Test
  void aWorkloadChangeRendersTheDependenciesThatFollowItOnlyWhenWhatItAsksChanges() {
    apply(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          template: {spec: {containers: [{name: web, image: nginx, envFrom: [{configMapRef: {name: cm-1}}]}]}}
        ---
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: web}
        spec:
          propagateDeps: true
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          placement: {clusterAffinity: {clusterNames: [member2]}}
        ---
        """
            + configMaps(1, 5, "app: a"));
    reconcileAll();
    assertThat(model.worksOf(key("cm-1"))).containsOnlyKeys("member2");
    ObjectKey web = ObjectKey.parse("apps/Deployment/default/web");

    rendered.clear();
    apply(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          template: {spec: {containers: [{name: web, image: nginx, envFrom: [{configMapRef: {name: cm-1}}]}]}}
        """);
    assertThat(rendered).as("same dependencies, same clusters").containsExactly(web);

    rendered.clear();
    apply(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          template: {spec: {containers: [{name: web, image: nginx, envFrom: [{configMapRef: {name: cm-2}}]}]}}
        """);
    assertThat(rendered).containsExactlyInAnyOrder(web, key("cm-1"), key("cm-2"));
    assertThat(model.worksOf(key("cm-1"))).isEmpty();
    assertThat(model.worksOf(key("cm-2"))).containsOnlyKeys("member2");

    rendered.clear();
    apply(configMap(2, "app: a", "changed"));
    assertThat(rendered).as("a dependency renders alone").containsExactly(key("cm-2"));
    assertMatchesRenderingEverything();
  }

  @Test
  void twoTemplatesLandingOnOneObjectKeepTheCollisionRuleAsTheyChange() {
    String application =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: web}
        spec:
          components:
            - name: web
              type: ref-objects
              properties: {objects: [{apiVersion: apps/v1, kind: Deployment, name: web}]}
              traits: [{type: scaler, properties: {replicas: 4}}]
          policies:
            - {name: prod, type: topology, properties: {clusters: [member1], namespace: prod}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {replicas: 1}
        ---
        """;
    String prodWeb =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        spec: {replicas: 1}
        ---
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: prod-web, namespace: prod}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          placement: {clusterAffinity: {clusterNames: [member1]}}
        """;
    apply(application);
    reconcileAll();
    WorkId landing = new WorkId("member1", ObjectKey.parse("apps/Deployment/prod/web"));
    assertThat(desired(landing).manifest()).contains("\"replicas\":4");

    Decision collided = apply(prodWeb);
    assertThat(desired(landing).manifest())
        .as("the template that is prod/web by its own key keeps it")
        .doesNotContain("\"replicas\":4");
    assertThat(collided.workChanges()).extracting(WorkChange::id).containsExactly(landing);
    assertMatchesRenderingEverything();

    Decision released = delete(ObjectKey.parse("apps/Deployment/prod/web"));
    assertThat(desired(landing).manifest())
        .as("once it is gone, the other template has the object again")
        .contains("\"replicas\":4");
    assertThat(released.workChanges())
        .singleElement()
        .isInstanceOf(WorkChange.Put.class)
        .extracting(WorkChange::id)
        .isEqualTo(landing);
    assertMatchesRenderingEverything();
  }

  @Test
  void aDecisionTakenBackLeavesTheModelAsItWas() {
    apply(configMaps(1, 5, "app: a") + policy("all-config", "kind: ConfigMap", "env: prod"));
    reconcileAll();
    Map<WorkId, String> before = model.emitted();
    Map<WorkId, String> desiredBefore = hashes(model.desiredWorks());

    model.store(
        Map.of(submission(policy("all-config", "kind: ConfigMap", "env: dev")), 2L),
        List.of(key("cm-1")),
        List.of());
    assertThat(model.emitted()).isNotEqualTo(before);
    model.rollback();

    assertThat(model.emitted()).isEqualTo(before);
    assertThat(hashes(model.desiredWorks())).isEqualTo(desiredBefore);
    assertThat(model.find(key("cm-1"))).isPresent();
    rendered.clear();
    apply(configMap(2, "app: a", "changed"));
    assertThat(rendered).containsExactly(key("cm-2"));
    assertMatchesRenderingEverything();
  }

  /** What the model keeps is what {@link DesiredWorks#compute} gives for the whole fleet. */
  private void assertMatchesRenderingEverything() {
    DesiredWorks.Desired everything =
        SEALING.apply(
            DesiredWorks.compute(
                model.templates(), model.policies(), model.overrides(), model.members()),
            Map.of());
    assertThat(hashes(model.desiredWorks())).isEqualTo(hashes(everything.works()));
    Map<WorkId, String> readyWorks =
        model.emitted().entrySet().stream()
            .filter(entry -> members.get(entry.getKey().cluster()).ready())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Map<WorkId, String> desiredInReady =
        hashes(everything.works()).entrySet().stream()
            .filter(entry -> members.get(entry.getKey().cluster()).ready())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(readyWorks)
        .as("the execution spaces hold the desired works")
        .isEqualTo(desiredInReady);
  }

  private RenderedWork desired(WorkId id) {
    return model.desiredWorks().stream()
        .filter(work -> work.cluster().equals(id.cluster()) && work.key().equals(id.key()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no desired work " + id));
  }

  private static Map<WorkId, String> hashes(Iterable<RenderedWork> works) {
    Map<WorkId, String> hashes = new HashMap<>();
    works.forEach(work -> hashes.put(new WorkId(work.cluster(), work.key()), work.contentHash()));
    return hashes;
  }

  private Decision apply(String yaml) {
    Map<Submission, Long> changed = new LinkedHashMap<>();
    for (Submission submission : Submissions.read("test.yaml", yaml, Integer.MAX_VALUE)) {
      model.nextGeneration(submission).ifPresent(g -> changed.put(submission, g));
    }
    Decision decision = model.store(changed, List.of(), List.of());
    model.confirm();
    return decision;
  }

  private void reconcileAll() {
    model.reconcileAll(List.of());
    model.confirm();
  }

  private Decision delete(ObjectKey key) {
    Decision decision = model.store(Map.of(), List.of(key), List.of());
    model.confirm();
    return decision;
  }

  private static Submission submission(String yaml) {
    return Submissions.read("test.yaml", yaml, Integer.MAX_VALUE).get(0);
  }

  private static String configMaps(int from, int to, String labels) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> configMap(i, labels, "v"))
        .collect(Collectors.joining());
  }

  private static String configMap(int i, String labels, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-"
        + i
        + ", labels: {"
        + labels
        + "}}\ndata: {value: "
        + value
        + "}\n---\n";
  }

  private static String policy(String name, String selector, String clusterLabels) {
    return "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: "
        + name
        + "}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap"
        + (selector.equals("kind: ConfigMap") ? "" : ", " + selector)
        + "}]\n  placement: {clusterAffinity: {labelSelector: {matchLabels: {"
        + clusterLabels
        + "}}}}\n---\n";
  }

  private static ObjectKey key(String configMap) {
    return new ObjectKey(ObjectKey.CORE_GROUP, "ConfigMap", "default", configMap);
  }

  private static Set<ObjectKey> keys(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> key("cm-" + i))
        .collect(Collectors.toSet());
  }

  private static ObjectKey virtualService() {
    return ObjectKey.parse("networking.istio.io/VirtualService/default/route");
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> union = new java.util.HashSet<>(a);
    union.addAll(b);
    return union;
  }
}
