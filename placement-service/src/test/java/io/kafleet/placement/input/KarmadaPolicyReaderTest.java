package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.scheduling.ApplicationFailover;
import io.kafleet.placement.scheduling.ApplicationFailover.PurgeMode;
import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.ClusterAffinityTerm;
import io.kafleet.placement.scheduling.LabelSelector;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PlacementRules;
import io.kafleet.placement.scheduling.ReplicaScheduling;
import io.kafleet.placement.scheduling.Requirement;
import io.kafleet.placement.scheduling.Requirement.Operator;
import io.kafleet.placement.scheduling.SpreadConstraint;
import io.kafleet.placement.scheduling.StaticWeight;
import io.kafleet.placement.scheduling.Taint;
import io.kafleet.placement.scheduling.Toleration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    assertThat(policy.placement().clusterAffinity().exclude()).containsExactly("member1");
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
                    metadata: {name: spread}
                    spec:
                      resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
                      placement:
                        spreadConstraints: [{spreadByLabel: team, maxGroups: 2}]
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.field())
                    .isEqualTo("spec.placement.spreadConstraints[0].spreadByLabel"))
        .hasMessageContaining("does not support yet");
  }

  @Test
  void readsApplicationFailoverWithKarmadasDefaults() {
    assertThat(
            failover(
                "application: {decisionConditions: {tolerationSeconds: 120}, purgeMode: Gracefully, gracePeriodSeconds: 300}"))
        .as("Karmada's application failover example")
        .contains(
            new ApplicationFailover(
                Duration.ofSeconds(120), PurgeMode.Gracefully, Duration.ofSeconds(300)));
    assertThat(failover("application: {decisionConditions: {}}"))
        .as("tolerationSeconds 300, Gracefully, 600 s")
        .contains(
            new ApplicationFailover(
                Duration.ofSeconds(300), PurgeMode.Gracefully, Duration.ofSeconds(600)));
    assertThat(
            failover(
                "application: {decisionConditions: {tolerationSeconds: 0}, purgeMode: Immediately}"))
        .as("Karmada's former name for Directly")
        .hasValueSatisfying(f -> assertThat(f.purgeMode()).isEqualTo(PurgeMode.Directly));
    assertThat(failover("application: {decisionConditions: {}, purgeMode: Never}"))
        .hasValueSatisfying(f -> assertThat(f.purgeMode()).isEqualTo(PurgeMode.Never));

    assertFailoverRefused(
        "application: {decisionConditions: {}, purgeMode: Never, gracePeriodSeconds: 60}",
        "spec.failover.application.gracePeriodSeconds",
        "only takes effect when purgeMode is Gracefully");
    assertFailoverRefused(
        "application: {decisionConditions: {}, gracePeriodSeconds: 0}",
        "spec.failover.application.gracePeriodSeconds",
        "must be greater than 0");
    assertFailoverRefused(
        "application: {decisionConditions: {tolerationSeconds: -1}}",
        "spec.failover.application.decisionConditions.tolerationSeconds",
        "must be greater than or equal to 0");
    assertFailoverRefused(
        "application: {decisionConditions: {}, purgeMode: Later}",
        "spec.failover.application.purgeMode",
        "'Later' is not one of Directly, Gracefully, Never, Immediately, Graciously");
    assertFailoverRefused(
        "cluster: {purgeMode: Directly}",
        "spec.failover.cluster",
        "is a PropagationPolicy field kafleet does not support yet");
    assertFailoverRefused(
        "application: {decisionConditions: {}, statePreservation: {rules: []}}",
        "spec.failover.application.statePreservation",
        "is a PropagationPolicy field kafleet does not support yet");
  }

  private static Optional<ApplicationFailover> failover(String failover) {
    return read(withFailover(failover)).applicationFailover();
  }

  private static void assertFailoverRefused(String failover, String field, String reason) {
    assertThatThrownBy(() -> read(withFailover(failover)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  private static String withFailover(String failover) {
    return """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: web}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          failover: {%s}
        """
        .formatted(failover);
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

  @Test
  void readsMatchExpressionsAndFieldSelectors() {
    PlacementPolicy policy =
        read(
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata: {name: selectors}
            spec:
              resourceSelectors:
                - apiVersion: apps/v1
                  kind: Deployment
                  labelSelector:
                    matchExpressions: [{key: app, operator: In, values: [reviews]}]
              placement:
                clusterAffinity:
                  labelSelector:
                    matchLabels: {env: prod}
                    matchExpressions: [{key: gpu, operator: DoesNotExist}]
                  fieldSelector:
                    matchExpressions:
                      - {key: provider, operator: In, values: [aws]}
                      - {key: region, operator: NotIn, values: [us-west-1]}
            """);
    assertThat(policy.resourceSelectors().get(0).labelSelector())
        .isEqualTo(
            new LabelSelector(
                Map.of(), List.of(new Requirement("app", Operator.In, List.of("reviews")))));
    assertThat(policy.placement().clusterAffinity())
        .isEqualTo(
            new ClusterAffinity(
                List.of(),
                List.of(),
                new LabelSelector(
                    Map.of("env", "prod"),
                    List.of(new Requirement("gpu", Operator.DoesNotExist, List.of()))),
                List.of(
                    new Requirement("provider", Operator.In, List.of("aws")),
                    new Requirement("region", Operator.NotIn, List.of("us-west-1")))));
  }

  @Test
  void badSelectorRequirementsAreRefusedByPath() {
    assertRefused(
        """
          clusterAffinity:
            fieldSelector:
              matchExpressions: [{key: cloud, operator: In, values: [aws]}]
        """,
        "spec.placement.clusterAffinity.fieldSelector.matchExpressions[0].key",
        "'cloud' is not a cluster field: use provider, region or zone");
    assertRefused(
        """
          clusterAffinity:
            labelSelector:
              matchExpressions: [{key: env, operator: Gt, values: ["1"]}]
        """,
        "spec.placement.clusterAffinity.labelSelector.matchExpressions[0].operator",
        "'Gt' is not one of In, NotIn, Exists, DoesNotExist");
    assertRefused(
        """
          clusterAffinity:
            labelSelector:
              matchExpressions: [{key: env, operator: In}]
        """,
        "spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values",
        "must not be empty for In");
    assertRefused(
        """
          clusterAffinity:
            labelSelector:
              matchExpressions: [{key: env, operator: Exists, values: [prod]}]
        """,
        "spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values",
        "must be empty for Exists");
  }

  @Test
  void readsClusterAffinitiesInOrder() {
    PlacementRules placement =
        placement(
            """
              clusterAffinities:
                - affinityName: local
                  clusterNames: [member1]
                - affinityName: cloud
                  labelSelector: {matchLabels: {site: cloud}}
            """);
    assertThat(placement.clusterAffinities())
        .containsExactly(
            new ClusterAffinityTerm(
                "local", new ClusterAffinity(List.of("member1"), List.of(), null)),
            new ClusterAffinityTerm(
                "cloud",
                new ClusterAffinity(
                    List.of(), List.of(), new LabelSelector(Map.of("site", "cloud")))));
    assertRefused(
        """
          clusterAffinity: {clusterNames: [member1]}
          clusterAffinities: [{affinityName: a, clusterNames: [member2]}]
        """,
        "spec.placement.clusterAffinities",
        "cannot be set together with clusterAffinity");
    assertRefused(
        """
          clusterAffinities: [{affinityName: a}, {affinityName: a}]
        """,
        "spec.placement.clusterAffinities[1].affinityName",
        "'a' names an earlier group too");
    assertRefused(
        """
          clusterAffinities: [{clusterNames: [member1]}]
        """,
        "spec.placement.clusterAffinities[0].affinityName",
        "is required");
  }

  @Test
  void readsClusterTolerations() {
    PlacementRules placement =
        placement(
            """
              clusterTolerations:
                - {key: dedicated, value: gpu, effect: NoSchedule}
                - {key: maintenance, operator: Exists}
            """);
    assertThat(placement.clusterTolerations())
        .containsExactly(
            new Toleration("dedicated", Toleration.Operator.Equal, "gpu", Taint.Effect.NoSchedule),
            new Toleration("maintenance", Toleration.Operator.Exists, "", null));
    assertThat(
            placement(
                    """
                      clusterTolerations:
                        - {key: cluster.karmada.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 20}
                    """)
                .clusterTolerations())
        .as("Karmada's failover example, with a shorter toleration")
        .containsExactly(
            new Toleration(
                Taint.NOT_READY, Toleration.Operator.Exists, "", Taint.Effect.NoExecute, 20L));
    assertRefused(
        """
          clusterTolerations: [{key: cluster.karmada.io/not-ready, operator: Exists, tolerationSeconds: 20}]
        """,
        "spec.placement.clusterTolerations[0].tolerationSeconds",
        "applies to effect NoExecute only: set effect too");
    assertRefused(
        """
          clusterTolerations: [{key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 1.5}]
        """,
        "spec.placement.clusterTolerations[0].tolerationSeconds",
        "must be an integer");
    assertRefused(
        """
          clusterTolerations: [{key: dedicated, value: gpu, effect: PreferNoSchedule}]
        """,
        "spec.placement.clusterTolerations[0].effect",
        "'PreferNoSchedule' is not a taint effect of Karmada clusters: use NoSchedule or NoExecute,"
            + " or leave it out for both");
    assertRefused(
        """
          clusterTolerations: [{value: gpu}]
        """,
        "spec.placement.clusterTolerations[0].operator",
        "must be Exists when key is empty");
  }

  @Test
  void readsReplicaScheduling() {
    assertThat(placement("  clusterAffinity: {}\n").replicaScheduling())
        .isEqualTo(ReplicaScheduling.DUPLICATED);
    assertThat(
            placement("  replicaScheduling: {replicaSchedulingType: Divided}\n")
                .replicaScheduling())
        .as("Divided is Weighted by default, every cluster alike")
        .isEqualTo(new ReplicaScheduling.StaticWeights(List.of()));
    assertThat(
            placement(
                    """
                      replicaScheduling:
                        replicaSchedulingType: Divided
                        replicaDivisionPreference: Weighted
                        weightPreference:
                          staticWeightList:
                            - targetCluster: {clusterNames: [member1]}
                              weight: 1
                            - targetCluster: {labelSelector: {matchLabels: {tier: big}}}
                              weight: 2
                    """)
                .replicaScheduling())
        .isEqualTo(
            new ReplicaScheduling.StaticWeights(
                List.of(
                    new StaticWeight(new ClusterAffinity(List.of("member1"), List.of(), null), 1),
                    new StaticWeight(
                        new ClusterAffinity(
                            List.of(), List.of(), new LabelSelector(Map.of("tier", "big"))),
                        2))));
    assertThat(
            placement(
                    """
                      replicaScheduling:
                        replicaSchedulingType: Divided
                        replicaDivisionPreference: Weighted
                        weightPreference: {dynamicWeight: AvailableReplicas}
                    """)
                .replicaScheduling())
        .isEqualTo(new ReplicaScheduling.AvailableReplicas());
    assertThat(
            placement(
                    """
                      replicaScheduling:
                        replicaSchedulingType: Divided
                        replicaDivisionPreference: Aggregated
                    """)
                .replicaScheduling())
        .isEqualTo(new ReplicaScheduling.Aggregated());
  }

  @Test
  void replicaSchedulingThatWouldBeIgnoredIsRefused() {
    assertRefused(
        """
          replicaScheduling:
            replicaSchedulingType: Divided
            weightPreference:
              dynamicWeight: AvailableReplicas
              staticWeightList: [{targetCluster: {clusterNames: [member1]}, weight: 1}]
        """,
        "spec.placement.replicaScheduling.weightPreference.staticWeightList",
        "is ignored when dynamicWeight is set (as in Karmada): set only one of them");
    assertRefused(
        """
          replicaScheduling:
            weightPreference: {dynamicWeight: AvailableReplicas}
        """,
        "spec.placement.replicaScheduling.weightPreference",
        "only applies to replicaSchedulingType Divided");
    assertRefused(
        """
          replicaScheduling:
            replicaSchedulingType: Divided
            weightPreference:
              staticWeightList: [{targetCluster: {clusterNames: [member1]}, weight: 0}]
        """,
        "spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight",
        "must be at least 1");
    assertRefused(
        """
          replicaScheduling: {replicaSchedulingType: Split}
        """,
        "spec.placement.replicaScheduling.replicaSchedulingType",
        "'Split' is not Duplicated or Divided");
  }

  /**
   * The example of Karmada's docs/userguide/scheduling/propagation-policy.md, "SpreadConstraints".
   */
  @Test
  void readsSpreadConstraintsWithKarmadasDefaults() {
    assertThat(
            placement(
                    """
                      replicaScheduling: {replicaSchedulingType: Duplicated}
                      spreadConstraints:
                        - spreadByField: region
                          maxGroups: 2
                          minGroups: 2
                        - spreadByField: cluster
                          maxGroups: 2
                          minGroups: 2
                    """)
                .spreadConstraints())
        .containsExactly(
            new SpreadConstraint(SpreadConstraint.Field.region, 2, 2),
            new SpreadConstraint(SpreadConstraint.Field.cluster, 2, 2));
    assertThat(
            placement(
                    """
                      spreadConstraints: [{maxGroups: 3}]
                    """)
                .spreadConstraints())
        .as("spreadByField defaults to cluster, minGroups to 1")
        .containsExactly(new SpreadConstraint(SpreadConstraint.Field.cluster, 1, 3));
  }

  @Test
  void badSpreadConstraintsAreRefusedByPath() {
    assertRefused(
        """
          spreadConstraints: [{spreadByField: country, maxGroups: 2}]
        """,
        "spec.placement.spreadConstraints[0].spreadByField",
        "'country' is not one of cluster, region, zone, provider");
    assertRefused(
        """
          spreadConstraints: [{spreadByField: cluster, minGroups: -1}]
        """,
        "spec.placement.spreadConstraints[0].minGroups",
        "must not be negative");
    assertRefused(
        """
          spreadConstraints: [{spreadByField: cluster, minGroups: 3, maxGroups: 2}]
        """,
        "spec.placement.spreadConstraints[0].maxGroups",
        "must not be below minGroups 3");
    assertRefused(
        """
          spreadConstraints: [{spreadByField: cluster, maxGroups: two}]
        """,
        "spec.placement.spreadConstraints[0].maxGroups",
        "must be an integer");
    assertRefused(
        """
          spreadConstraints: [{spreadByField: cluster}, {spreadByField: cluster, maxGroups: 1}]
        """,
        "spec.placement.spreadConstraints[1].spreadByField",
        "'cluster' is spread by spreadConstraints[0] already");
    assertRefused(
        """
          spreadConstraints: [{spreadByField: region, minGroups: 2}]
        """,
        "spec.placement.spreadConstraints",
        "needs a spreadByField cluster constraint beside spreadByField region, to bound how many"
            + " clusters are chosen (as Karmada requires)");
    assertRefused(
        """
          spreadConstraints:
            - {spreadByField: cluster, maxGroups: 2}
            - {spreadByField: zone}
            - {spreadByField: region}
        """,
        "spec.placement.spreadConstraints",
        "spreads by region and zone: kafleet, like Karmada's scheduler, spreads by one of region,"
            + " zone and provider at a time");
    assertRefused(
        """
          replicaScheduling: {replicaSchedulingType: Divided}
          spreadConstraints: [{spreadByField: cluster, maxGroups: 2}]
        """,
        "spec.placement.spreadConstraints",
        "is ignored with Divided replicas by static weight (as in Karmada): remove it, or use"
            + " dynamicWeight or Aggregated");
  }

  private static PlacementRules placement(String placementYaml) {
    return read("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata: {name: p}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
              placement:
            """
            + placementYaml.stripIndent().indent(4))
        .placement();
  }

  private static void assertRefused(String placementYaml, String field, String reason) {
    assertThatThrownBy(() -> placement(placementYaml))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  private static PlacementPolicy read(String yaml) {
    JsonNode document = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(yaml);
    assertThat(KarmadaPolicyReader.isKarmadaPolicy(document)).isTrue();
    return KarmadaPolicyReader.read(document);
  }
}
