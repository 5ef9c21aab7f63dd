package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.scheduling.PlacementPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KarmadaPolicyReaderTest {

  @Test
  void readsAPropagationPolicyIntoItsNamespace() {
    PlacementPolicy policy =
        read(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata:
              name: ratings-propagation
            spec:
              priority: 3
              resourceSelectors:
                - apiVersion: apps/v1
                  kind: Deployment
                  labelSelector:
                    matchLabels: {app: ratings}
              placement:
                clusterAffinity:
                  exclude: [member1]
                  labelSelector:
                    matchLabels: {env: prod}
            """);
    assertThat(policy.id())
        .hasToString("policy.karmada.io/PropagationPolicy/default/ratings-propagation");
    assertThat(policy.priority()).isEqualTo(3);
    assertThat(policy.resourceSelectors().get(0).labelSelector().matchLabels())
        .containsEntry("app", "ratings");
    assertThat(policy.affinity().exclude()).containsExactly("member1");
  }

  @Test
  void aClusterPropagationPolicyIsClusterScoped() {
    PlacementPolicy policy =
        read(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterPropagationPolicy
            metadata: {name: all-services}
            spec:
              resourceSelectors: [{apiVersion: v1, kind: Service}]
            """);
    assertThat(policy.id().clusterScoped()).isTrue();
  }

  @Test
  void aFieldNotSupportedYetIsRefusedByName() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    apiVersion: policy.karmada.io/v1alpha1
                    kind: PropagationPolicy
                    metadata: {name: divided}
                    spec:
                      resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
                      placement:
                        replicaScheduling: {replicaSchedulingType: Divided}
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("spec.placement.replicaScheduling"))
        .hasMessageContaining("does not support yet");
  }

  @Test
  void aMisspeltFieldIsAnErrorNotANoOp() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    apiVersion: policy.karmada.io/v1alpha1
                    kind: PropagationPolicy
                    metadata: {name: typo}
                    spec:
                      resourceSelectors: [{apiVersion: v1, kind: Service, nmae: details}]
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("spec.resourceSelectors[0].nmae"));
  }

  @Test
  void aPolicyWithoutSelectorsOrNameIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    apiVersion: policy.karmada.io/v1alpha1
                    kind: PropagationPolicy
                    metadata: {name: empty}
                    spec: {}
                    """))
        .hasMessage("spec.resourceSelectors: must list at least one selector");
    assertThatThrownBy(
            () ->
                read(
                    """
                    apiVersion: policy.karmada.io/v1alpha1
                    kind: PropagationPolicy
                    metadata: {}
                    spec: {resourceSelectors: [{apiVersion: v1, kind: Service}]}
                    """))
        .hasMessage("metadata.name: is required");
  }

  private static PlacementPolicy read(String yaml) {
    JsonNode document = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(yaml);
    assertThat(KarmadaPolicyReader.isKarmadaPolicy(document)).isTrue();
    return KarmadaPolicyReader.read(document);
  }
}
