package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code kafleet cluster join} prints, against the suite's placement-service, applied to a
 * real kube-apiserver as {@code kubectl apply --server-side --dry-run=server} would: every object
 * is accepted (strict field validation, admission, RBAC), nothing is stored, and the agent's RBAC
 * grants what the agent does and no more. The cluster joined here leaves again at the end.
 */
@ExtendWith(SuiteExtension.class)
class ClusterJoinIT {

  private static final String NAMESPACE = "kafleet-system";
  private static final String AGENT = "system:serviceaccount:kafleet-system:kafleet-agent";

  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig()
              .withOfflineMode(true)
              .withUpdateKubeConfig(false)
              .build());

  private static final String JOINED = "member3";

  private static KubernetesClient client;
  private static Suite suite;
  private static String printed;

  @BeforeAll
  static void joinOnce(Suite shared) {
    suite = shared;
    API_SERVER.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(API_SERVER.getKubeConfigYaml()))
            .build();
    printed = join();
  }

  @AfterAll
  static void leaveAndStop() {
    if (printed != null) {
      suite.kafleetAs(suite.stack().tokens().admin(), "cluster", "leave", JOINED);
    }
    if (client != null) {
      client.close();
    }
    API_SERVER.stop();
  }

  @Test
  void everyObjectIsAcceptedByServerSideDryRunAndNothingIsStored() {
    List<HasMetadata> objects = manifest();
    assertThat(objects.stream().map(HasMetadata::getKind))
        .containsExactly(
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Secret",
            "Secret",
            "Deployment");
    // The stack's broker is SASL_SSL with its own CA: the agent trusts it by the manifest alone.
    assertThat(
            objects.stream()
                .filter(object -> object instanceof Secret)
                .map(object -> ((Secret) object).getStringData())
                .filter(data -> data.containsKey("KAFLEET_KAFKA_SECURITY_PROTOCOL"))
                .findFirst()
                .orElseThrow())
        .containsEntry("KAFLEET_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .containsEntry("KAFLEET_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
        .containsEntry(
            "KAFLEET_KAFKA_SSL_TRUSTSTORE_CERTIFICATES",
            readString(suite.stack().certificateAuthority()));

    HasMetadata namespace = objects.get(0);
    assertThat(dryRunApply(namespace).getMetadata().getName()).isEqualTo(NAMESPACE);
    assertThat(client.namespaces().withName(NAMESPACE).get())
        .as("the namespace after a dry run")
        .isNull();

    // A dry run of an object in a namespace that does not exist is refused (NamespaceLifecycle),
    // with kubectl as here: the rest needs the namespace, which this test creates for them.
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    for (HasMetadata object : objects.subList(1, objects.size())) {
      HasMetadata accepted = dryRunApply(object);
      assertThat(accepted.getMetadata().getName())
          .as("%s accepted by the API server", object.getKind())
          .isEqualTo(object.getMetadata().getName());
      assertThat(client.resource(object).get())
          .as("%s %s after a dry run", object.getKind(), object.getMetadata().getName())
          .isNull();
    }
  }

  @Test
  void theAgentsRoleIsNotClusterAdminAndCoversWhatTheAgentDoes() {
    List<HasMetadata> objects = manifest();
    ClusterRole role = only(objects, ClusterRole.class);
    for (PolicyRule rule : role.getRules()) {
      assertThat(rule.getVerbs()).as("verbs of %s", rule).doesNotContain("*");
      assertThat(rule.getResources()).as("resources of %s", rule).doesNotContain("*");
      assertThat(rule.getApiGroups()).as("apiGroups of %s", rule).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).as("nonResourceURLs of %s", rule).isEmpty();
    }

    // Stored under another name, so that the dry-run test finds nothing of the manifest's.
    ClusterRoleBinding binding = only(objects, ClusterRoleBinding.class);
    role.getMetadata().setName("kafleet-agent-review");
    binding.getMetadata().setName("kafleet-agent-review");
    binding.getRoleRef().setName("kafleet-agent-review");
    client.resource(role).serverSideApply();
    client.resource(binding).serverSideApply();
    try {
      // What the agent does: apply, watch, delete and prune placed kinds, create namespaces,
      // read nodes and pods for its heartbeat, wait for CRDs.
      assertAllowed("create", "", "configmaps", "shop");
      assertAllowed("patch", "apps", "deployments", "shop");
      assertAllowed("get", "", "secrets", "shop");
      assertAllowed("delete", "networking.istio.io", "virtualservices", "shop");
      assertAllowed("watch", "networking.istio.io", "destinationrules", "");
      assertAllowed("list", "batch", "cronjobs", "");
      assertAllowed("create", "", "namespaces", "");
      assertAllowed("list", "", "nodes", "");
      assertAllowed("list", "", "pods", "");
      assertAllowed("watch", "apiextensions.k8s.io", "customresourcedefinitions", "");
      // What it must not: run pods itself, change nodes, CRDs or RBAC, or update anything.
      assertDenied("create", "", "pods", "shop");
      assertDenied("delete", "", "nodes", "");
      assertDenied("create", "apiextensions.k8s.io", "customresourcedefinitions", "");
      assertDenied("create", "rbac.authorization.k8s.io", "clusterrolebindings", "");
      assertDenied("create", "rbac.authorization.k8s.io", "rolebindings", "shop");
      assertDenied("impersonate", "", "serviceaccounts", "kube-system");
      assertDenied("update", "apps", "deployments", "shop");
    } finally {
      client.resource(binding).delete();
      client.resource(role).delete();
    }
  }

  /** The printed manifest's objects, parsed afresh for each test, which may change them. */
  private static List<HasMetadata> manifest() {
    return client.load(new ByteArrayInputStream(printed.getBytes(StandardCharsets.UTF_8))).items();
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String join() {
    Suite.CliRun joined =
        suite.kafleetAs(
            suite.stack().tokens().admin(),
            "cluster",
            "join",
            JOINED,
            "--labels=env=prod,topology.kubernetes.io/region=eu-west-1",
            "--bootstrap-servers=kafka.kafleet.example:9092",
            "--schema-registry=http://registry.kafleet.example:8081");
    assertThat(joined.exit()).as("exit code of cluster join, stderr: %s", joined.err()).isZero();
    return joined.out();
  }

  private static HasMetadata dryRunApply(HasMetadata object) {
    return client
        .resource(object)
        .dryRun()
        .fieldValidation(Validation.STRICT)
        .fieldManager("kubectl")
        .serverSideApply();
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("%s objects in the manifest", type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  private static void assertAllowed(String verb, String group, String resource, String namespace) {
    assertThat(allowed(verb, group, resource, namespace))
        .as("%s may %s %s.%s in '%s'", AGENT, verb, resource, group, namespace)
        .isTrue();
  }

  private static void assertDenied(String verb, String group, String resource, String namespace) {
    assertThat(allowed(verb, group, resource, namespace))
        .as("%s may not %s %s.%s in '%s'", AGENT, verb, resource, group, namespace)
        .isFalse();
  }

  private static boolean allowed(String verb, String group, String resource, String namespace) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(AGENT)
            .withGroups("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE)
            .withNewResourceAttributes()
            .withVerb(verb)
            .withGroup(group)
            .withResource(resource)
            .withNamespace(namespace)
            .endResourceAttributes()
            .endSpec()
            .build();
    return client
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}
