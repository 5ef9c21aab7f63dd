package io.kafleet.placement.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ConflictResolution;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.scheduling.ClusterDecision;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Templates, policies and overrides as users write them, through to the works. */
class DesiredWorksTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of("region", "hangzhou"), true, true),
          new MemberState("member2", Map.of("region", "beijing"), true, true));

  private static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        template:
          spec:
            containers:
              - name: web
                image: nginx:1.25
                envFrom: [{configMapRef: {name: web-config}}]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: web-config}
      data: {mode: fast}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: unrelated}
      """;

  private static final String WEB_TO_MEMBER2 =
      """
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: web}
      spec:
        propagateDeps: true
        conflictResolution: Overwrite
        preserveResourcesOnDeletion: true
        resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
        placement: {clusterAffinity: {clusterNames: [member2]}}
      """;

  @Test
  void dependenciesFollowTheWorkloadAndExplainWhy() {
    var desired = compute(WEB + "---\n" + WEB_TO_MEMBER2);

    assertThat(keysIn(desired, "member2"))
        .containsExactly("apps/Deployment/default/web", "core/ConfigMap/default/web-config");
    assertThat(keysIn(desired, "member1")).isEmpty();

    var config = desired.plan(ObjectKey.parse("core/ConfigMap/default/web-config")).orElseThrow();
    assertThat(config.placement().rule())
        .contains("a dependency of apps/Deployment/default/web, it follows them");
    ClusterDecision member2 = config.placement().clusters().get(1);
    assertThat(member2).isInstanceOf(ClusterDecision.Selected.class);
    assertThat(member2.reason())
        .startsWith(
            "follows apps/Deployment/default/web (propagateDeps of"
                + " policy.karmada.io/PropagationPolicy/default/web)");
    assertThat(config.works().get(0).policy())
        .contains(ObjectKey.parse("policy.karmada.io/PropagationPolicy/default/web"));
  }

  @Test
  void withoutPropagateDepsTheConfigMapStaysInTheControlPlane() {
    var desired = compute(WEB + "---\n" + WEB_TO_MEMBER2.replace("propagateDeps: true", ""));
    assertThat(keysIn(desired, "member2")).containsExactly("apps/Deployment/default/web");
  }

  @Test
  void aDependencyWithItsOwnPolicyIsInBothPlacements() {
    String configToMember1 =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: config}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: web-config}]
          placement: {clusterAffinity: {clusterNames: [member1]}}
        """;
    var desired = compute(WEB + "---\n" + WEB_TO_MEMBER2 + "---\n" + configToMember1);
    assertThat(keysIn(desired, "member1")).containsExactly("core/ConfigMap/default/web-config");
    assertThat(keysIn(desired, "member2")).contains("core/ConfigMap/default/web-config");
    var inMember1 = work(desired, "member1", "core/ConfigMap/default/web-config");
    assertThat(inMember1.conflictResolution())
        .as("its own policy's options where its own policy places it")
        .isEqualTo(ConflictResolution.Abort);
    assertThat(work(desired, "member2", "core/ConfigMap/default/web-config").conflictResolution())
        .as("the workload's policy's options where it follows the workload")
        .isEqualTo(ConflictResolution.Overwrite);
  }

  @Test
  void conflictResolutionAndPreserveOnDeletionReachTheWorkAndItsHash() {
    var withOptions =
        work(compute(WEB + "---\n" + WEB_TO_MEMBER2), "member2", "apps/Deployment/default/web");
    var event = withOptions.toEvent(1, Instant.EPOCH);
    assertThat(event.getConflictResolution()).isEqualTo(ConflictResolution.Overwrite);
    assertThat(event.getPreserveOnDeletion()).isTrue();

    var without =
        work(
            compute(
                WEB
                    + "---\n"
                    + WEB_TO_MEMBER2
                        .replace("conflictResolution: Overwrite", "")
                        .replace("preserveResourcesOnDeletion: true", "")),
            "member2",
            "apps/Deployment/default/web");
    assertThat(without.manifest()).isEqualTo(withOptions.manifest());
    assertThat(without.contentHash())
        .as("changed options change the hash, so the agent receives them")
        .isNotEqualTo(withOptions.contentHash());
    assertThat(without.toEvent(1, Instant.EPOCH).getConflictResolution())
        .isEqualTo(ConflictResolution.Abort);
  }

  @Test
  void anOverrideChangesExactlyTheWorksOfItsClustersAndDeletingItRevertsThem() {
    String policies =
        WEB_TO_MEMBER2.replace("clusterNames: [member2]", "clusterNames: [member1, member2]");
    String override =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: hangzhou-mirror}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          overrideRules:
            - targetCluster: {labelSelector: {matchLabels: {region: hangzhou}}}
              overriders:
                imageOverrider: [{component: Registry, operator: replace, value: registry.cn-hangzhou.aliyuncs.com}]
        """;
    var before = compute(WEB + "---\n" + policies);
    var after = compute(WEB + "---\n" + policies + "---\n" + override);

    List<WorkChange> changes = WorkDiff.between(emitted(before.works()), after.works());
    assertThat(changes)
        .extracting(WorkChange::id)
        .containsExactly(new WorkId("member1", ObjectKey.parse("apps/Deployment/default/web")));
    assertThat(work(after, "member1", "apps/Deployment/default/web").manifest())
        .contains("registry.cn-hangzhou.aliyuncs.com/nginx:1.25");
    assertThat(after.plan(ObjectKey.parse("apps/Deployment/default/web")).orElseThrow().overrides())
        .containsEntry(
            "member1",
            List.of(ObjectKey.parse("policy.karmada.io/OverridePolicy/default/hangzhou-mirror")))
        .containsEntry("member2", List.of());

    assertThat(WorkDiff.between(emitted(after.works()), before.works()))
        .as("deleting the override reverts the one work it changed")
        .extracting(WorkChange::id)
        .containsExactly(new WorkId("member1", ObjectKey.parse("apps/Deployment/default/web")));
  }

  @Test
  void anOverrideThatDoesNotFitHoldsTheWorkAsTheClusterHasIt() {
    String override =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterOverridePolicy
        metadata: {name: strategy}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          overrideRules:
            - overriders: {plaintext: [{path: /spec/strategy/type, operator: replace, value: Recreate}]}
        """;
    var before = compute(WEB + "---\n" + WEB_TO_MEMBER2);
    var after =
        compute(
            WEB.replace("replicas: 2", "replicas: 3")
                + "---\n"
                + WEB_TO_MEMBER2
                + "---\n"
                + override);

    assertThat(after.held())
        .singleElement()
        .satisfies(
            held -> {
              assertThat(held.id())
                  .isEqualTo(new WorkId("member2", ObjectKey.parse("apps/Deployment/default/web")));
              assertThat(held.source())
                  .hasToString("policy.karmada.io/ClusterOverridePolicy/_/strategy");
              assertThat(held.field()).isEqualTo("spec.overrideRules[0].overriders.plaintext[0]");
              assertThat(held.describe()).contains("the object has nothing at /spec/strategy");
            });
    Set<WorkId> held = Set.of(after.held().get(0).id());
    assertThat(WorkDiff.between(emitted(before.works()), after.works(), held))
        .as("neither the new replica count nor a tombstone: member2 keeps what it has")
        .isEmpty();
  }

  @Test
  void aKubeVelaTopologyNamespaceMovesTheObjectsAndTheirKeys() {
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
        """;
    var desired = compute(WEB + "---\n" + application);
    RenderedWork web = work(desired, "member1", "apps/Deployment/prod/web");
    JsonNode manifest = JSON.readTree(web.manifest());
    assertThat(manifest.path("metadata").path("namespace").asString()).isEqualTo("prod");
    assertThat(manifest.path("spec").path("replicas").asInt()).isEqualTo(4);

    String sameNameInProd =
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\n"
            + "---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\n"
            + "metadata: {name: prod-web, namespace: prod}\n"
            + "spec: {resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}],"
            + " placement: {clusterAffinity: {clusterNames: [member1]}}}\n";
    var collided = compute(WEB + "---\n" + application + sameNameInProd);
    assertThat(work(collided, "member1", "apps/Deployment/prod/web").manifest())
        .as("the template that is prod/web by its own key keeps it")
        .doesNotContain("\"replicas\":4");
    assertThat(collided.plan(ObjectKey.parse("apps/Deployment/default/web")).orElseThrow().held())
        .singleElement()
        .satisfies(held -> assertThat(held.reason()).contains("which is apps/Deployment/prod/web"));
  }

  private static DesiredWorks.Desired compute(String yaml) {
    List<DesiredWorks.Template> templates = new ArrayList<>();
    List<PlacementPolicy> policies = new ArrayList<>();
    List<OverridePolicy> overrides = new ArrayList<>();
    for (Submission submission : Submissions.read("test.yaml", yaml, Integer.MAX_VALUE)) {
      if (submission instanceof Submission.Template template) {
        templates.add(new DesiredWorks.Template(template.ref(), template.document()));
      } else if (submission instanceof Submission.Policy policy) {
        policies.add(policy.policy());
        overrides.addAll(policy.overrides());
      } else {
        overrides.add(((Submission.Overrides) submission).override());
      }
    }
    return DesiredWorks.compute(templates, policies, overrides, MEMBERS);
  }

  private static List<String> keysIn(DesiredWorks.Desired desired, String cluster) {
    return desired.works().stream()
        .filter(work -> work.cluster().equals(cluster))
        .map(work -> work.key().toString())
        .sorted()
        .toList();
  }

  private static RenderedWork work(DesiredWorks.Desired desired, String cluster, String key) {
    return desired.works().stream()
        .filter(w -> w.cluster().equals(cluster) && w.key().toString().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no work " + key + " in " + cluster));
  }

  private static Map<WorkId, String> emitted(List<RenderedWork> works) {
    Map<WorkId, String> emitted = new HashMap<>();
    works.forEach(w -> emitted.put(new WorkId(w.cluster(), w.key()), w.contentHash()));
    return emitted;
  }
}
