package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplyOrderTest {

  private static final String NS = "bookinfo";

  @Test
  void bookinfoAppliesNamespaceThenServiceAccountsThenServicesThenDeployments() {
    // bookinfo-karmada.yaml's own order, with the Namespace the agent would be sent last.
    List<ObjectKey> asInFile =
        keys(
            "core/Service/bookinfo/details",
            "core/ServiceAccount/bookinfo/bookinfo-details",
            "apps/Deployment/bookinfo/details-v1",
            "core/Service/bookinfo/ratings",
            "core/ServiceAccount/bookinfo/bookinfo-ratings",
            "apps/Deployment/bookinfo/ratings-v1",
            "core/Service/bookinfo/reviews",
            "core/ServiceAccount/bookinfo/bookinfo-reviews",
            "apps/Deployment/bookinfo/reviews-v1",
            "apps/Deployment/bookinfo/reviews-v2",
            "apps/Deployment/bookinfo/reviews-v3",
            "core/Service/bookinfo/productpage",
            "core/ServiceAccount/bookinfo/bookinfo-productpage",
            "apps/Deployment/bookinfo/productpage-v1",
            "core/Namespace/_/bookinfo");

    List<ObjectKey> expected =
        keys(
            "core/Namespace/_/bookinfo",
            "core/ServiceAccount/bookinfo/bookinfo-details",
            "core/ServiceAccount/bookinfo/bookinfo-productpage",
            "core/ServiceAccount/bookinfo/bookinfo-ratings",
            "core/ServiceAccount/bookinfo/bookinfo-reviews",
            "core/Service/bookinfo/details",
            "core/Service/bookinfo/productpage",
            "core/Service/bookinfo/ratings",
            "core/Service/bookinfo/reviews",
            "apps/Deployment/bookinfo/details-v1",
            "apps/Deployment/bookinfo/productpage-v1",
            "apps/Deployment/bookinfo/ratings-v1",
            "apps/Deployment/bookinfo/reviews-v1",
            "apps/Deployment/bookinfo/reviews-v2",
            "apps/Deployment/bookinfo/reviews-v3");

    List<ObjectKey> seen = ApplyOrder.forApply(asInFile);
    assertThat(seen).as("apply order, expected %s%n seen %s", expected, seen).isEqualTo(expected);
  }

  @Test
  void istioKindsComeAfterWorkloadsAndVirtualServicesComeLast() {
    List<ObjectKey> input =
        keys(
            "networking.istio.io/VirtualService/default/podinfo",
            "networking.istio.io/WorkloadGroup/default/vm",
            "networking.istio.io/WorkloadEntry/default/vm-1",
            "networking.istio.io/EnvoyFilter/default/lua",
            "networking.istio.io/Sidecar/default/default",
            "networking.istio.io/ServiceEntry/default/external",
            "networking.istio.io/Gateway/default/podinfo-gateway",
            "networking.istio.io/DestinationRule/default/podinfo",
            "security.istio.io/AuthorizationPolicy/default/allow",
            "apps/Deployment/default/podinfo-green",
            "core/Service/default/podinfo",
            "apps/Deployment/default/podinfo-blue");

    List<ObjectKey> expected =
        keys(
            "core/Service/default/podinfo",
            "apps/Deployment/default/podinfo-blue",
            "apps/Deployment/default/podinfo-green",
            "networking.istio.io/DestinationRule/default/podinfo",
            "networking.istio.io/EnvoyFilter/default/lua",
            "networking.istio.io/Gateway/default/podinfo-gateway",
            "networking.istio.io/ServiceEntry/default/external",
            "networking.istio.io/Sidecar/default/default",
            "networking.istio.io/WorkloadEntry/default/vm-1",
            "networking.istio.io/WorkloadGroup/default/vm",
            "security.istio.io/AuthorizationPolicy/default/allow",
            "networking.istio.io/VirtualService/default/podinfo");

    List<ObjectKey> seen = ApplyOrder.forApply(input);
    assertThat(seen).as("apply order, expected %s%n seen %s", expected, seen).isEqualTo(expected);
  }

  @Test
  void customResourceGoesAfterItsCrdAndWorkloadsButBeforeIstio() {
    List<ObjectKey> input =
        keys(
            "networking.istio.io/VirtualService/shop/cart",
            "monitoring.coreos.com/ServiceMonitor/shop/cart",
            "apps/Deployment/shop/cart",
            "apiextensions.k8s.io/CustomResourceDefinition/_/servicemonitors.monitoring.coreos.com",
            "core/ConfigMap/shop/cart-config",
            "core/Namespace/_/shop");

    List<ObjectKey> expected =
        keys(
            "core/Namespace/_/shop",
            "apiextensions.k8s.io/CustomResourceDefinition/_/servicemonitors.monitoring.coreos.com",
            "core/ConfigMap/shop/cart-config",
            "apps/Deployment/shop/cart",
            "monitoring.coreos.com/ServiceMonitor/shop/cart",
            "networking.istio.io/VirtualService/shop/cart");

    List<ObjectKey> seen = ApplyOrder.forApply(input);
    assertThat(seen).as("apply order, expected %s%n seen %s", expected, seen).isEqualTo(expected);
  }

  @Test
  void deletionIsTheReverseOfApply() {
    List<ObjectKey> input =
        keys(
            "core/Namespace/_/shop",
            "networking.istio.io/VirtualService/shop/cart",
            "networking.istio.io/DestinationRule/shop/cart",
            "apps/Deployment/shop/cart",
            "apiextensions.k8s.io/CustomResourceDefinition/_/widgets.example.com",
            "example.com/Widget/shop/w1");

    List<ObjectKey> expected =
        keys(
            "networking.istio.io/VirtualService/shop/cart",
            "networking.istio.io/DestinationRule/shop/cart",
            "example.com/Widget/shop/w1",
            "apps/Deployment/shop/cart",
            "apiextensions.k8s.io/CustomResourceDefinition/_/widgets.example.com",
            "core/Namespace/_/shop");

    List<ObjectKey> seen = ApplyOrder.forDeletion(input);
    assertThat(seen)
        .as("deletion order, expected %s%n seen %s", expected, seen)
        .isEqualTo(expected);

    List<ObjectKey> reversedApply = new ArrayList<>(ApplyOrder.forApply(input));
    Collections.reverse(reversedApply);
    assertThat(seen)
        .as("deletion order %s should be apply order reversed %s", seen, reversedApply)
        .isEqualTo(reversedApply);
  }

  @Test
  void orderDoesNotDependOnInputOrder() {
    List<ObjectKey> input =
        keys(
            "core/ConfigMap/b/two",
            "core/Secret/a/one",
            "core/ConfigMap/a/one",
            "rbac.authorization.k8s.io/RoleBinding/a/one",
            "batch/Job/a/migrate",
            "apps/StatefulSet/a/db",
            "core/PersistentVolumeClaim/a/data");
    List<ObjectKey> reversed = new ArrayList<>(input);
    Collections.reverse(reversed);

    List<ObjectKey> fromInput = ApplyOrder.forApply(input);
    List<ObjectKey> fromReversed = ApplyOrder.forApply(reversed);
    assertThat(fromReversed)
        .as("same keys in another order, expected %s%n seen %s", fromInput, fromReversed)
        .isEqualTo(fromInput);
    assertThat(fromInput)
        .as("within a rank sorted by group, kind, namespace, name; seen %s", fromInput)
        .containsExactlyElementsOf(
            keys(
                "core/ConfigMap/a/one",
                "core/ConfigMap/b/two",
                "core/Secret/a/one",
                "rbac.authorization.k8s.io/RoleBinding/a/one",
                "core/PersistentVolumeClaim/a/data",
                "apps/StatefulSet/a/db",
                "batch/Job/a/migrate"));
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
    "v1, Namespace, NAMESPACE",
    "apiextensions.k8s.io/v1, CustomResourceDefinition, CUSTOM_RESOURCE_DEFINITION",
    "v1, ServiceAccount, IDENTITY_AND_CONFIG",
    "v1, ConfigMap, IDENTITY_AND_CONFIG",
    "v1, Secret, IDENTITY_AND_CONFIG",
    "rbac.authorization.k8s.io/v1, Role, IDENTITY_AND_CONFIG",
    "rbac.authorization.k8s.io/v1, ClusterRole, IDENTITY_AND_CONFIG",
    "rbac.authorization.k8s.io/v1, RoleBinding, IDENTITY_AND_CONFIG",
    "rbac.authorization.k8s.io/v1, ClusterRoleBinding, IDENTITY_AND_CONFIG",
    "v1, PersistentVolumeClaim, STORAGE",
    "v1, Service, SERVICE",
    "apps/v1, Deployment, WORKLOAD",
    "apps/v1, StatefulSet, WORKLOAD",
    "apps/v1, DaemonSet, WORKLOAD",
    "apps/v1, ReplicaSet, WORKLOAD",
    "batch/v1, Job, WORKLOAD",
    "batch/v1, CronJob, WORKLOAD",
    "v1, Pod, WORKLOAD",
    "networking.istio.io/v1, Gateway, ISTIO_MESH",
    "networking.istio.io/v1beta1, DestinationRule, ISTIO_MESH",
    "networking.istio.io/v1alpha3, ServiceEntry, ISTIO_MESH",
    "networking.istio.io/v1, Sidecar, ISTIO_MESH",
    "networking.istio.io/v1alpha3, EnvoyFilter, ISTIO_MESH",
    "networking.istio.io/v1, WorkloadEntry, ISTIO_MESH",
    "networking.istio.io/v1, WorkloadGroup, ISTIO_MESH",
    "networking.istio.io/v1alpha3, VirtualService, ISTIO_ROUTE",
    "policy.karmada.io/v1alpha1, PropagationPolicy, OTHER",
    "networking.k8s.io/v1, Ingress, OTHER",
    // Same kind names as built-ins, other groups: ranked by group and kind, not kind alone.
    "serving.knative.dev/v1, Service, OTHER",
    "gateway.networking.k8s.io/v1, Gateway, OTHER",
  })
  void ranksKnownKindsByGroupAndKind(String apiVersion, String kind, ApplyRank expected) {
    ApplyRank seen = ApplyRank.of(ObjectKey.of(apiVersion, kind, NS, "x"));
    assertThat(seen)
        .as("rank of %s %s, expected %s, seen %s", apiVersion, kind, expected, seen)
        .isEqualTo(expected);
  }

  @Test
  void aKeyListedTwiceIsRejectedNamingTheKeyAndBothPositions() {
    List<ObjectKey> input =
        keys(
            "core/Service/bookinfo/details",
            "apps/Deployment/bookinfo/details-v1",
            "core/Service/bookinfo/details");

    assertThatThrownBy(() -> ApplyOrder.forApply(input))
        .as("duplicate key")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "object key core/Service/bookinfo/details is listed twice: keys[0] and keys[2]");
  }

  @Test
  void aNullKeyIsRejectedNamingItsPosition() {
    List<ObjectKey> input = new ArrayList<>(keys("core/Service/bookinfo/details"));
    input.add(null);

    assertThatThrownBy(() -> ApplyOrder.forDeletion(input))
        .as("null key")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keys[1] is null");
  }

  @Test
  void anEmptyListGivesAnEmptyOrder() {
    assertThat(ApplyOrder.forApply(List.of())).as("apply order of nothing").isEmpty();
    assertThat(ApplyOrder.ranksForApply(List.of())).as("rank groups of nothing").isEmpty();
  }

  @Test
  void rankGroupsCutTheApplyOrderAtEachRankAndSkipEmptyRanks() {
    List<ObjectKey> mixed =
        keys(
            "networking.istio.io/VirtualService/bookinfo/reviews",
            "apps/Deployment/bookinfo/details-v1",
            "core/ConfigMap/bookinfo/b",
            "core/Namespace/_/bookinfo",
            "core/ServiceAccount/bookinfo/a",
            "apps/Deployment/bookinfo/reviews-v1",
            "networking.istio.io/DestinationRule/bookinfo/reviews",
            "core/Namespace/_/shop");

    List<List<ObjectKey>> groups = ApplyOrder.ranksForApply(mixed);

    assertThat(groups)
        .containsExactly(
            keys("core/Namespace/_/bookinfo", "core/Namespace/_/shop"),
            keys("core/ConfigMap/bookinfo/b", "core/ServiceAccount/bookinfo/a"),
            keys("apps/Deployment/bookinfo/details-v1", "apps/Deployment/bookinfo/reviews-v1"),
            keys("networking.istio.io/DestinationRule/bookinfo/reviews"),
            keys("networking.istio.io/VirtualService/bookinfo/reviews"));
    assertThat(groups.stream().flatMap(List::stream).toList())
        .as("the groups, joined, are the apply order")
        .isEqualTo(ApplyOrder.forApply(mixed));
    for (List<ObjectKey> group : groups) {
      assertThat(group.stream().map(ApplyRank::of).distinct())
          .as("one rank per group: %s", group)
          .hasSize(1);
    }
  }

  @Test
  void deletionGroupsAreTheApplyGroupsReversedAndTheDeletionOrderJoined() {
    List<ObjectKey> mixed =
        keys(
            "core/Namespace/_/bookinfo",
            "core/Service/bookinfo/details",
            "core/Service/bookinfo/ratings",
            "apiextensions.k8s.io/CustomResourceDefinition/_/virtualservices.networking.istio.io",
            "networking.istio.io/VirtualService/bookinfo/reviews");

    List<List<ObjectKey>> groups = ApplyOrder.ranksForDeletion(mixed);

    assertThat(groups)
        .containsExactly(
            keys("networking.istio.io/VirtualService/bookinfo/reviews"),
            keys("core/Service/bookinfo/ratings", "core/Service/bookinfo/details"),
            keys(
                "apiextensions.k8s.io/CustomResourceDefinition/_/virtualservices.networking.istio.io"),
            keys("core/Namespace/_/bookinfo"));
    assertThat(groups.stream().flatMap(List::stream).toList())
        .isEqualTo(ApplyOrder.forDeletion(mixed));
  }

  @Test
  void rankGroupsRejectAKeyListedTwiceAsTheOrderDoes() {
    assertThatThrownBy(
            () -> ApplyOrder.ranksForApply(keys("core/ConfigMap/a/x", "core/ConfigMap/a/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("core/ConfigMap/a/x");
  }

  private static List<ObjectKey> keys(String... keys) {
    return Arrays.stream(keys).map(ObjectKey::parse).toList();
  }
}
