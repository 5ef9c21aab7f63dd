package io.kafleet.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.ObjectKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardRailsTest {

  @Test
  void clusterAdminStyleRbacIsDeniedByDefault() {
    GuardRails defaults = GuardRails.defaults();

    assertThat(defaults.refusal(ObjectKey.parse("rbac.authorization.k8s.io/ClusterRole/_/admin")))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("ClusterRole").contains("denied"));
    assertThat(
            defaults.refusal(ObjectKey.parse("rbac.authorization.k8s.io/ClusterRoleBinding/_/x")))
        .isPresent();
    assertThat(defaults.refusal(ObjectKey.parse("apps/Deployment/shop/web"))).isEmpty();
  }

  @Test
  void anAllowListRefusesEverythingElseAndADenyListWins() {
    GuardRails rails =
        new GuardRails(
            Set.of("apps/Deployment", "core/Service"), Set.of("core/Service"), Set.of(), Set.of());

    assertThat(rails.refusal(ObjectKey.parse("apps/Deployment/shop/web"))).isEmpty();
    assertThat(rails.refusal(ObjectKey.parse("core/ConfigMap/shop/cfg")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("core/ConfigMap"));
    assertThat(rails.refusal(ObjectKey.parse("core/Service/shop/web"))).isPresent();
  }

  @Test
  void namespacesAreCheckedForNamespacedObjectsAndForNamespacesThemselves() {
    GuardRails rails = new GuardRails(Set.of(), Set.of(), Set.of("shop", "pay"), Set.of("pay"));

    assertThat(rails.refusal(ObjectKey.parse("core/ConfigMap/shop/cfg"))).isEmpty();
    assertThat(rails.refusal(ObjectKey.parse("core/ConfigMap/kube-system/cfg")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("kube-system"));
    assertThat(rails.refusal(ObjectKey.parse("core/ConfigMap/pay/cfg")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("denied"));
    assertThat(rails.refusal(ObjectKey.parse("core/Namespace/_/pay"))).isPresent();
    assertThat(rails.refusal(ObjectKey.parse("storage.k8s.io/StorageClass/_/fast"))).isEmpty();
  }
}
