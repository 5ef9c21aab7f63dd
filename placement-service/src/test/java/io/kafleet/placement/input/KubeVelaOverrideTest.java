package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.overrides.Overrides;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** KubeVela traits and override policies on ref-objects components, as KubeVela documents them. */
class KubeVelaOverrideTest {

  private static final MemberState MEMBER = new MemberState("member1", Map.of(), true, true);

  private static final String APPLICATION =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata: {name: demo, namespace: demo}
      spec:
        components:
          - name: demo
            type: ref-objects
            properties:
              objects:
                - {apiVersion: apps/v1, kind: Deployment, name: demo}
                - {apiVersion: v1, kind: Service, name: demo}
            traits:
              - {type: scaler, properties: {replicas: 2}}
              - {type: labels, properties: {team: a}}
        policies:
          - {name: everywhere, type: topology, properties: {clusters: [member1]}}
      %s
      """;

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: demo, namespace: demo, labels: {app: demo, old: x}}
      spec:
        replicas: 1
        template:
          metadata: {labels: {app: demo}}
          spec: {containers: [{name: demo, image: oamdev/testapp:v1}]}
      """;

  @Test
  void traitsPatchTheFirstReferencedObjectAndOverridePoliciesMergeIntoThem() {
    Submission.Policy application =
        read(
            APPLICATION.formatted(
                """
                    - name: more-replicas
                      type: override
                      properties:
                        components:
                          - name: demo
                            traits:
                              - {type: scaler, properties: {replicas: 5}}
                              - {type: labels, disable: true}
                              - type: json-patch
                                properties:
                                  operations: [{op: remove, path: /metadata/labels/old}]
                              - type: annotations
                                properties: {owner: team-b}
                """));
    assertThat(application.overrides()).singleElement();
    OverridePolicy patches = application.overrides().get(0);
    assertThat(patches.placedBy()).contains(application.policy().id());

    ObjectNode manifest = rendered(patches, Optional.of(application.policy().id()));
    assertThat(manifest.path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(manifest.path("metadata").path("labels").toString())
        .as("the labels trait is disabled; json-patch removed 'old'")
        .isEqualTo("{\"app\":\"demo\"}");
    assertThat(manifest.path("metadata").path("annotations").path("owner").asString())
        .isEqualTo("team-b");
    assertThat(
            manifest
                .path("spec")
                .path("template")
                .path("metadata")
                .path("annotations")
                .path("owner")
                .asString())
        .as("annotations also go to the pod template, as the KubeVela trait does")
        .isEqualTo("team-b");
  }

  @Test
  void labelsTraitWithNullRemovesAndMergePatchMerges() {
    Submission.Policy application =
        read(
            """
            apiVersion: core.oam.dev/v1beta1
            kind: Application
            metadata: {name: demo, namespace: demo}
            spec:
              components:
                - name: demo
                  type: ref-objects
                  properties: {objects: [{apiVersion: apps/v1, kind: Deployment, name: demo}]}
                  traits:
                    - {type: labels, properties: {old: null, tier: web}}
                    - type: json-merge-patch
                      properties: {spec: {minReadySeconds: 10, template: {spec: {hostNetwork: true}}}}
              policies:
                - {name: everywhere, type: topology, properties: {clusters: [member1]}}
            """);
    ObjectNode manifest =
        rendered(application.overrides().get(0), Optional.of(application.policy().id()));
    assertThat(manifest.path("metadata").path("labels").toString())
        .isEqualTo("{\"app\":\"demo\",\"tier\":\"web\"}");
    assertThat(
            manifest
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .path("tier")
                .asString())
        .isEqualTo("web");
    assertThat(manifest.path("spec").path("minReadySeconds").asInt()).isEqualTo(10);
    assertThat(manifest.path("spec").path("template").path("spec").path("hostNetwork").asBoolean())
        .isTrue();
    assertThat(manifest.path("spec").path("template").path("spec").path("containers").size())
        .isEqualTo(1);
  }

  @Test
  void theTopologyNamespaceIsTheApplicationsTargetNamespace() {
    Submission.Policy application =
        read(
            APPLICATION
                .formatted("")
                .replace("clusters: [member1]}", "clusters: [member1], namespace: prod}"));
    assertThat(application.policy().options().targetNamespace()).contains("prod");
  }

  @Test
  void whatKafleetCannotDoForRefObjectsIsRefusedByPath() {
    assertRefused(
        APPLICATION.formatted(
            """
                - name: o
                  type: override
                  properties:
                    components: [{name: demo, properties: {objects: []}}]
            """),
        "spec.policies[1].properties.components[0].properties",
        "is not supported for ref-objects components");
    assertRefused(
        APPLICATION.formatted(
            """
                - name: o
                  type: override
                  properties:
                    components: [{name: nope, traits: [{type: scaler, properties: {replicas: 1}}]}]
            """),
        "spec.policies[1].properties.components[0].name",
        "'nope' matches no component");
    assertRefused(
        APPLICATION.formatted(
            """
                - name: o
                  type: override
                  properties:
                    components: [{traits: [{type: env, properties: {env: {A: b}}}]}]
            """),
        "spec.policies[1].properties.components[0].traits[0].type",
        "trait type 'env' is not supported yet");
    assertRefused(
        APPLICATION.formatted(
            """
                - name: o
                  type: override
                  properties:
                    selector: [demo]
                    components: []
            """),
        "spec.policies[1].properties.selector",
        "does not support yet");
    assertRefused(
        APPLICATION
            .formatted("")
            .replace(
                "- {apiVersion: apps/v1, kind: Deployment, name: demo}",
                "- {apiVersion: apps/v1, kind: Deployment, labelSelector: {app: demo}}"),
        "spec.components[0].properties.objects[0]",
        "traits patch the component's first object; name it");
    assertRefused(
        APPLICATION.formatted(
            """
                - name: o
                  type: override
                  properties:
                    components: [{traits: [{type: json-merge-patch, properties: {metadata: {name: other}}}]}]
            """),
        "spec.policies[1].properties.components[0].traits[0].properties.metadata.name",
        "identifies the object");
  }

  private static ObjectNode rendered(OverridePolicy patches, Optional<ObjectKey> placedBy) {
    ObjectNode manifest = (ObjectNode) ManifestReader.read("d.yaml", DEPLOYMENT).get(0);
    TemplateRef ref = TemplateReader.read(manifest);
    Overrides.Outcome outcome = Overrides.apply(manifest, ref, placedBy, MEMBER, List.of(patches));
    assertThat(outcome).isInstanceOf(Overrides.Outcome.Applied.class);
    return ((Overrides.Outcome.Applied) outcome).manifest();
  }

  private static void assertRefused(String yaml, String field, String reason) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.reason()).contains(reason);
            });
  }

  private static Submission.Policy read(String yaml) {
    JsonNode document = ManifestReader.read("app.yaml", yaml).get(0);
    return (Submission.Policy) Submissions.of(document);
  }
}
