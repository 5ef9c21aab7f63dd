package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.overrides.Overrider;
import org.junit.jupiter.api.Test;

class KarmadaOverridePolicyReaderTest {

  @Test
  void readsRulesWithTheirTargetsAndOverridersInKarmadasOrder() {
    OverridePolicy policy =
        read(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: web, namespace: shop}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
              overrideRules:
                - targetCluster: {clusterNames: [member1], exclude: [member2]}
                  overriders:
                    plaintext: [{path: /spec/replicas, operator: replace, value: 1}]
                    labelsOverrider: [{operator: add, value: {env: prod}}]
                    imageOverrider: [{component: Tag, operator: replace, value: v2}]
            """);
    assertThat(policy.id()).hasToString("policy.karmada.io/OverridePolicy/shop/web");
    assertThat(policy.rules()).hasSize(1);
    assertThat(policy.rules().get(0).targetCluster().orElseThrow().clusterNames())
        .containsExactly("member1");
    assertThat(policy.rules().get(0).overriders())
        .extracting(Overrider::field)
        .containsExactly(
            "spec.overrideRules[0].overriders.imageOverrider[0]",
            "spec.overrideRules[0].overriders.labelsOverrider[0]",
            "spec.overrideRules[0].overriders.plaintext[0]");
  }

  @Test
  void theDeprecatedTopLevelFormIsOneRule() {
    OverridePolicy policy =
        read(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterOverridePolicy
            metadata: {name: old-style}
            spec:
              targetCluster: {clusterNames: [member1]}
              overriders:
                plaintext: [{path: /spec/replicas, operator: replace, value: 1}]
            """);
    assertThat(policy.id().clusterScoped()).isTrue();
    assertThat(policy.rules()).hasSize(1);
    assertThat(policy.rules().get(0).overriders().get(0).field())
        .isEqualTo("spec.overriders.plaintext[0]");

    assertRefused(
        """
        spec:
          overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 1}]}
          overrideRules: [{overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 2}]}}]
        """,
        "spec.overriders",
        "cannot be used together with spec.overrideRules");
  }

  @Test
  void anUnknownOperatorIsRefusedByField() {
    assertRefused(
        rule("plaintext: [{path: /spec/replicas, operator: set, value: 1}]"),
        "spec.overrideRules[0].overriders.plaintext[0].operator",
        "'set' is not one of add, remove, replace");
    assertRefused(
        rule("commandOverrider: [{containerName: web, operator: replace, value: [x]}]"),
        "spec.overrideRules[0].overriders.commandOverrider[0].operator",
        "'replace' is not one of add, remove");
    assertRefused(
        rule("imageOverrider: [{component: Digest, operator: replace, value: x}]"),
        "spec.overrideRules[0].overriders.imageOverrider[0].component",
        "'Digest' is not one of Registry, Repository, Tag");
  }

  @Test
  void pathsAndValuesThatCannotWorkOnAnyObjectAreRefused() {
    assertRefused(
        rule("plaintext: [{path: spec/replicas, operator: replace, value: 1}]"),
        "spec.overrideRules[0].overriders.plaintext[0].path",
        "is not a JSON pointer");
    assertRefused(
        rule("plaintext: [{path: /metadata/namespace, operator: replace, value: other}]"),
        "spec.overrideRules[0].overriders.plaintext[0].path",
        "identifies the object");
    assertRefused(
        rule("plaintext: [{path: /spec/replicas, operator: replace}]"),
        "spec.overrideRules[0].overriders.plaintext[0].value",
        "replace needs a value");
    assertRefused(
        rule("imageOverrider: [{component: Repository, operator: remove}]"),
        "spec.overrideRules[0].overriders.imageOverrider[0].operator",
        "would leave no image");
  }

  @Test
  void whatKafleetDoesNotSupportYetIsRefusedByName() {
    assertRefused(
        rule("fieldOverrider: [{fieldPath: /data/config, yaml: []}]"),
        "spec.overrideRules[0].overriders.fieldOverrider",
        "does not support yet");
    assertRefused(
        """
        spec:
          overrideRules:
            - targetCluster: {fieldSelector: {matchExpressions: []}}
              overriders: {plaintext: [{path: /spec/replicas, operator: replace, value: 1}]}
        """,
        "spec.overrideRules[0].targetCluster.fieldSelector",
        "does not support yet");
  }

  private static String rule(String overriders) {
    return """
        spec:
          overrideRules:
            - overriders:
                %s
        """
        .formatted(overriders);
  }

  private static void assertRefused(String spec, String field, String reason) {
    String yaml =
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: bad}
        """
            + spec;
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.reason()).contains(reason);
            });
  }

  private static OverridePolicy read(String yaml) {
    Submission submission = Submissions.of(ManifestReader.read("override.yaml", yaml).get(0));
    assertThat(submission).isInstanceOf(Submission.Overrides.class);
    return ((Submission.Overrides) submission).override();
  }
}
