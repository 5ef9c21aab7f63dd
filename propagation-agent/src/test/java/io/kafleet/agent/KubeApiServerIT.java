package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real kube-apiserver and etcd (built by scripts/kube-binaries.sh), started by fabric8
 * kube-api-test, answer server-side apply the way the agent relies on: the field manager is
 * recorded, and another manager's conflicting value is refused unless forced.
 */
class KubeApiServerIT {

  private static final String KAFLEET = "kafleet";

  // Offline: binaries missing is an error naming the directory, never a download attempt. The
  // version comes from KUBE_API_TEST_API_SERVER_VERSION, which the build sets.
  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).build());

  private static KubernetesClient client;

  @BeforeAll
  static void startApiServer() {
    API_SERVER.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(API_SERVER.getKubeConfigYaml()))
            .build();
  }

  @AfterAll
  static void stopApiServer() {
    if (client != null) {
      client.close();
    }
    API_SERVER.stop();
  }

  @Test
  void serverIsTheReleaseTheBuildCompiled() {
    String expected = System.getenv("KUBE_API_TEST_API_SERVER_VERSION");

    String reported = client.getKubernetesVersion().getGitVersion();

    assertThat(reported).matches("v1\\.\\d+\\.\\d+");
    if (expected != null) {
      assertThat(reported).isEqualTo("v" + expected);
    }
  }

  @Test
  void serverSideApplyRecordsKafleetAsTheFieldManager() {
    Namespace namespace = namespace("ssa-manager");
    ConfigMap configMap = configMap("ssa-manager", "color", "blue");

    apply(namespace, KAFLEET);
    apply(configMap, KAFLEET);

    Namespace storedNamespace = client.namespaces().withName("ssa-manager").get();
    ConfigMap storedConfigMap =
        client.configMaps().inNamespace("ssa-manager").withName("settings").get();
    assertThat(storedConfigMap.getData()).containsExactly(Map.entry("color", "blue"));
    assertThat(appliedBy(storedNamespace)).containsExactly(KAFLEET);
    assertThat(appliedBy(storedConfigMap)).containsExactly(KAFLEET);
    assertThat(ownerOfDataKey(storedConfigMap, "color")).containsExactly(KAFLEET);
  }

  @Test
  void anotherManagersConflictingValueIsRefusedWith409UnlessForced() {
    apply(namespace("ssa-conflict"), KAFLEET);
    apply(configMap("ssa-conflict", "color", "blue"), KAFLEET);
    ConfigMap conflicting = configMap("ssa-conflict", "color", "red");

    assertThatThrownBy(() -> apply(conflicting, "someone-else"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(storedSettings("ssa-conflict").getData()).containsEntry("color", "blue");

    client.resource(conflicting).fieldManager("someone-else").forceConflicts().serverSideApply();

    ConfigMap stored = storedSettings("ssa-conflict");
    assertThat(stored.getData()).containsEntry("color", "red");
    assertThat(ownerOfDataKey(stored, "color")).containsExactly("someone-else");
  }

  private static <T extends HasMetadata> T apply(T object, String fieldManager) {
    return client.resource(object).fieldManager(fieldManager).serverSideApply();
  }

  private static ConfigMap storedSettings(String namespace) {
    return client.configMaps().inNamespace(namespace).withName("settings").get();
  }

  /** A Namespace with a label: an apply that sets no field leaves no managedFields entry. */
  private static Namespace namespace(String name) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app.kubernetes.io/managed-by", KAFLEET)
        .endMetadata()
        .build();
  }

  private static ConfigMap configMap(String namespace, String key, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("settings")
        .withNamespace(namespace)
        .endMetadata()
        .addToData(key, value)
        .build();
  }

  /** Managers whose server-side applies own fields of the object. */
  private static List<String> appliedBy(HasMetadata object) {
    return object.getMetadata().getManagedFields().stream()
        .filter(entry -> "Apply".equals(entry.getOperation()))
        .map(ManagedFieldsEntry::getManager)
        .toList();
  }

  /** Managers whose managedFields entry claims {@code data.<key>}. */
  private static List<String> ownerOfDataKey(ConfigMap configMap, String key) {
    return configMap.getMetadata().getManagedFields().stream()
        .filter(entry -> ownsDataKey(entry, key))
        .map(ManagedFieldsEntry::getManager)
        .toList();
  }

  private static boolean ownsDataKey(ManagedFieldsEntry entry, String key) {
    Object data = entry.getFieldsV1().getAdditionalProperties().get("f:data");
    return data instanceof Map<?, ?> fields && fields.containsKey("f:" + key);
  }
}
