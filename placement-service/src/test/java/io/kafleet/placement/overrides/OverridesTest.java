package io.kafleet.placement.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.input.KarmadaOverridePolicyReader;
import io.kafleet.placement.input.ManifestReader;
import io.kafleet.placement.input.TemplateReader;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class OverridesTest {

  private static final MemberState HANGZHOU =
      new MemberState("member1", Map.of("region", "hangzhou"), true, true);
  private static final MemberState BEIJING =
      new MemberState("member2", Map.of("region", "beijing"), true, true);

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels: {app: web, tier: front}
      spec:
        replicas: 2
        template:
          spec:
            containers:
              - name: web
                image: docker.io/library/nginx:1.25
                args: ["--port=80", "--verbose"]
              - name: sidecar
                image: envoy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      """;

  @Test
  void plaintextPatchesOnlyTheTargetedClusters() {
    OverridePolicy policy =
        override(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: replicas, namespace: shop}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
              overrideRules:
                - targetCluster: {labelSelector: {matchLabels: {region: hangzhou}}}
                  overriders:
                    plaintext:
                      - {path: /spec/replicas, operator: replace, value: 5}
                      - {path: /spec/paused, operator: add, value: true}
                      - {path: /metadata/labels/tier, operator: remove}
            """);

    ObjectNode hangzhou = applied(policy, HANGZHOU);
    assertThat(hangzhou.path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(hangzhou.path("spec").path("paused").asBoolean()).isTrue();
    assertThat(hangzhou.path("metadata").path("labels").has("tier")).isFalse();

    ObjectNode beijing = applied(policy, BEIJING);
    assertThat(beijing).as("member2 is not targeted").isEqualTo(deployment());
  }

  @Test
  void aPathThatIsNotThereFailsNamingTheOverriderInsteadOfDoingNothing() {
    OverridePolicy policy =
        override(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterOverridePolicy
            metadata: {name: bad-path}
            spec:
              overrideRules:
                - overriders:
                    plaintext:
                      - {path: /spec/replicas, operator: replace, value: 3}
                      - {path: /spec/strategy/type, operator: replace, value: Recreate}
            """);
    Overrides.Outcome outcome = apply(deployment(), List.of(policy), HANGZHOU, Optional.empty());
    assertThat(outcome)
        .isEqualTo(
            new Overrides.Outcome.Failed(
                policy.id(),
                "spec.overrideRules[0].overriders.plaintext[1]",
                "replace /spec/strategy/type: the object has nothing at /spec/strategy to hold"
                    + " it"));
  }

  @Test
  void clusterOverridePoliciesApplyBeforeOverridePoliciesAndTheMoreSpecificLast() {
    String byName =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: a-by-name, namespace: shop}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          overrideRules: [{overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 3}]}}]
        """;
    String byKind =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: z-by-kind, namespace: shop}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          overrideRules: [{overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 2}]}}]
        """;
    String clusterWide =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterOverridePolicy
        metadata: {name: everything}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          overrideRules: [{overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 1}]}}]
        """;
    List<OverridePolicy> policies =
        List.of(override(byName), override(clusterWide), override(byKind));

    var outcome =
        (Overrides.Outcome.Applied) apply(deployment(), policies, HANGZHOU, Optional.empty());

    assertThat(outcome.manifest().path("spec").path("replicas").asInt())
        .as("the OverridePolicy naming the Deployment has the last word")
        .isEqualTo(3);
    assertThat(outcome.policies())
        .extracting(ObjectKey::name)
        .containsExactly("everything", "z-by-kind", "a-by-name");
  }

  @Test
  void anOverridePolicyChangesOnlyTemplatesOfItsNamespace() {
    OverridePolicy otherNamespace =
        override(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: replicas, namespace: other}
            spec:
              overrideRules: [{overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 9}]}}]
            """);
    assertThat(applied(otherNamespace, HANGZHOU)).isEqualTo(deployment());
  }

  @Test
  void imageOverriderChangesEveryContainerOfTheWorkloadAsKarmadaDoes() {
    ObjectNode registry =
        applied(
            imageOverride(
                "{component: Registry, operator: replace, value: registry.cn-hangzhou.aliyuncs.com}"),
            HANGZHOU);
    assertThat(images(registry))
        .containsExactly(
            "registry.cn-hangzhou.aliyuncs.com/library/nginx:1.25",
            "registry.cn-hangzhou.aliyuncs.com/envoy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    ObjectNode tag =
        applied(imageOverride("{component: Tag, operator: replace, value: '1.26'}"), HANGZHOU);
    assertThat(images(tag)).containsExactly("docker.io/library/nginx:1.26", "envoy:1.26");

    ObjectNode suffixed =
        applied(imageOverride("{component: Repository, operator: add, value: -mirror}"), HANGZHOU);
    assertThat(images(suffixed).get(0)).isEqualTo("docker.io/library/nginx-mirror:1.25");

    ObjectNode untagged = applied(imageOverride("{component: Tag, operator: remove}"), HANGZHOU);
    assertThat(images(untagged)).containsExactly("docker.io/library/nginx", "envoy");
  }

  @Test
  void imageOverriderWithAPredicateChangesOnlyThatImage() {
    ObjectNode manifest =
        applied(
            imageOverride(
                "{component: Registry, operator: remove, predicate: {path: /spec/template/spec/containers/0/image}}"),
            HANGZHOU);
    assertThat(images(manifest).get(0)).isEqualTo("library/nginx:1.25");
    assertThat(images(manifest).get(1)).startsWith("envoy@sha256:");

    Overrides.Outcome missing =
        apply(
            deployment(),
            List.of(
                imageOverride(
                    "{component: Tag, operator: replace, value: v2, predicate: {path: /spec/template/spec/containers/5/image}}")),
            HANGZHOU,
            Optional.empty());
    assertThat(missing).isInstanceOf(Overrides.Outcome.Failed.class);
    assertThat(((Overrides.Outcome.Failed) missing).reason())
        .isEqualTo("/spec/template/spec/containers/5/image holds no image");
  }

  @Test
  void commandAndArgsOverridersAppendAndRemoveValuesOfTheNamedContainer() {
    OverridePolicy policy =
        override(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterOverridePolicy
            metadata: {name: flags}
            spec:
              overrideRules:
                - overriders:
                    commandOverrider:
                      - {containerName: web, operator: add, value: [nginx, -g]}
                    argsOverrider:
                      - {containerName: web, operator: remove, value: [--verbose]}
                      - {containerName: web, operator: add, value: [--quiet]}
                      - {containerName: absent, operator: add, value: [--ignored]}
            """);
    JsonNode web =
        applied(policy, HANGZHOU)
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    assertThat(web.path("command").toString()).isEqualTo("[\"nginx\",\"-g\"]");
    assertThat(web.path("args").toString()).isEqualTo("[\"--port=80\",\"--quiet\"]");
  }

  @Test
  void labelsAndAnnotationsOverridersFollowKarmadasOperators() {
    OverridePolicy policy =
        override(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterOverridePolicy
            metadata: {name: metadata}
            spec:
              overrideRules:
                - overriders:
                    labelsOverrider:
                      - {operator: add, value: {env: prod}}
                      - {operator: replace, value: {tier: back, missing: x}}
                      - {operator: remove, value: {app: ""}}
                    annotationsOverrider:
                      - {operator: add, value: {owner: team-a}}
            """);
    JsonNode metadata = applied(policy, HANGZHOU).path("metadata");
    assertThat(metadata.path("labels").toString())
        .as("replace changes only labels that are there; remove drops by key")
        .isEqualTo("{\"tier\":\"back\",\"env\":\"prod\"}");
    assertThat(metadata.path("annotations").path("owner").asString()).isEqualTo("team-a");
  }

  @Test
  void overridesOfAnApplicationApplyOnlyWhereItPlacedTheTemplate() {
    ObjectKey application = ObjectKey.of("core.oam.dev/v1beta1", "Application", "shop", "web");
    OverridePolicy bound =
        new OverridePolicy(
            application,
            List.of(),
            List.of(
                new OverrideRule(
                    Optional.empty(),
                    List.of(
                        new Overrider.JsonPatch(
                            "spec.components[0].traits[0].properties",
                            Overrider.Operator.add,
                            JsonPointer.of("spec", "replicas"),
                            JsonNodeFactory.instance.numberNode(7))))),
            Optional.of(application));

    var placedByIt =
        (Overrides.Outcome.Applied)
            apply(deployment(), List.of(bound), HANGZHOU, Optional.of(application));
    assertThat(placedByIt.manifest().path("spec").path("replicas").asInt()).isEqualTo(7);

    var placedByAnother =
        (Overrides.Outcome.Applied) apply(deployment(), List.of(bound), HANGZHOU, Optional.empty());
    assertThat(placedByAnother.policies()).isEmpty();
    assertThat(placedByAnother.manifest()).isEqualTo(deployment());
  }

  private static OverridePolicy imageOverride(String overrider) {
    return override(
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterOverridePolicy
        metadata: {name: images}
        spec:
          overrideRules:
            - overriders:
                imageOverrider:
                  - %s
        """
            .formatted(overrider));
  }

  private static List<String> images(JsonNode manifest) {
    return manifest
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .valueStream()
        .map(container -> container.path("image").asString())
        .toList();
  }

  private static ObjectNode applied(OverridePolicy policy, MemberState cluster) {
    Overrides.Outcome outcome = apply(deployment(), List.of(policy), cluster, Optional.empty());
    assertThat(outcome).isInstanceOf(Overrides.Outcome.Applied.class);
    return ((Overrides.Outcome.Applied) outcome).manifest();
  }

  private static Overrides.Outcome apply(
      ObjectNode manifest,
      List<OverridePolicy> policies,
      MemberState cluster,
      Optional<ObjectKey> placedBy) {
    TemplateRef ref = TemplateReader.read(manifest);
    return Overrides.apply(manifest, ref, placedBy, cluster, policies);
  }

  private static ObjectNode deployment() {
    return (ObjectNode) ManifestReader.read("web.yaml", DEPLOYMENT).get(0);
  }

  private static OverridePolicy override(String yaml) {
    return KarmadaOverridePolicyReader.read(ManifestReader.read("override.yaml", yaml).get(0));
  }
}
