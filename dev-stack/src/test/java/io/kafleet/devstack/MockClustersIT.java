package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack with in-memory mock members (no kube-apiserver): bookinfo lands as the seed says. */
class MockClustersIT {

  private static final List<String> MEMBERS = List.of("member1", "member2");

  /** The table of examples/README.md. */
  private static final Map<String, Set<String>> DEPLOYMENTS =
      Map.of(
          "member1", Set.of("productpage-v1", "reviews-v1", "reviews-v2", "reviews-v3"),
          "member2", Set.of("details-v1", "ratings-v1", "reviews-v1", "reviews-v2", "reviews-v3"));

  private static final ResourceDefinitionContext VIRTUAL_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.istio.io")
          .withVersion("v1alpha3")
          .withKind("VirtualService")
          .withPlural("virtualservices")
          .withNamespaced(true)
          .build();

  @Test
  void bookinfoAppliedThroughTheCliLandsInTheMockMembersWhichSayTheyAreMocks(@TempDir Path state)
      throws Exception {
    DevStackSettings settings = new DevStackSettings(state, 0, 0, 0, 0, MEMBERS).withMockClusters();
    try (DevStack stack = DevStack.start(settings)) {
      assertThat(stack.endpoints())
          .as("where everything listens")
          .contains(
              "member1    " + InMemoryCluster.DESCRIPTION,
              "member2    " + InMemoryCluster.DESCRIPTION);

      // Applied through the CLI with the stack's operator token, once both members are ready.
      stack.play(Scenario.named("bookinfo", ScenarioTest.SCENARIOS, MEMBERS));

      for (String member : MEMBERS) {
        DevCluster cluster = stack.cluster(member);
        assertThat(cluster.mock()).as("%s is a mock", member).isTrue();
        try (KubernetesClient client = client(cluster.kubeconfig())) {
          Set<String> seen = awaitDeployments(client, DEPLOYMENTS.get(member));
          assertThat(seen)
              .as("Deployments of %s (expected %s)", member, DEPLOYMENTS.get(member))
              .isEqualTo(DEPLOYMENTS.get(member));
          assertThat(
                  names(
                      client
                          .genericKubernetesResources(VIRTUAL_SERVICE)
                          .inAnyNamespace()
                          .list()
                          .getItems()))
              .as("VirtualServices of %s", member)
              .contains("bookinfo");
        }
      }
    }
  }

  /** What the member holds once it holds the expected set; fails after 60 s with what it held. */
  private static Set<String> awaitDeployments(KubernetesClient client, Set<String> expected) {
    AtomicReference<Set<String>> seen = new AtomicReference<>(Set.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              seen.set(names(client.apps().deployments().inAnyNamespace().list().getItems()));
              assertThat(seen.get()).as("Deployments (expected %s)", expected).isEqualTo(expected);
            });
    return seen.get();
  }

  private static Set<String> names(List<? extends HasMetadata> objects) {
    return objects.stream()
        .map(object -> object.getMetadata().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static KubernetesClient client(Path kubeconfig) throws Exception {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }
}
