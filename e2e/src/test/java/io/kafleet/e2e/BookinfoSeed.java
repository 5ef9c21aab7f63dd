package io.kafleet.e2e;

import static io.kafleet.e2e.Suite.await;
import static io.kafleet.e2e.Suite.istio;
import static io.kafleet.e2e.Suite.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seed 002 (bookinfo) as the table of {@code examples/README.md} says it lands: applied through the
 * CLI, and checked in each member's API server and in placement-service's status.
 */
final class BookinfoSeed {

  /** Deployments per member, from the scenario table. */
  static final Map<String, List<String>> DEPLOYMENTS =
      Map.of(
          "member1", List.of("productpage-v1", "reviews-v1", "reviews-v2", "reviews-v3"),
          "member2", List.of("details-v1", "ratings-v1", "reviews-v1", "reviews-v2", "reviews-v3"));

  /** ServiceAccounts follow their Deployments' policies. */
  static final Map<String, List<String>> SERVICE_ACCOUNTS =
      Map.of(
          "member1", List.of("bookinfo-productpage", "bookinfo-reviews"),
          "member2", List.of("bookinfo-details", "bookinfo-ratings", "bookinfo-reviews"));

  static final List<String> SERVICES = List.of("details", "productpage", "ratings", "reviews");

  /** The kinds of the scenario's templates, as {@code kafleet get} names them. */
  private static final List<String> TEMPLATE_KINDS =
      List.of("deployments", "services", "serviceaccounts", "gateways", "virtualservices");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Suite suite;
  private final Path folder;

  BookinfoSeed(Suite suite) {
    this.suite = suite;
    this.folder = Scenarios.locate().root().resolve("bookinfo");
  }

  /** {@code kafleet apply -f examples/bookinfo/}: the three files, unchanged. */
  String apply() {
    return suite.kafleet("apply", "-f", folder.toString());
  }

  /**
   * Deletes the scenario from the fleet, if applied, and waits until neither member holds any of
   * its objects: a test that applies it then really creates them.
   */
  void removeFromFleet() {
    if (!suite.kafleet("get", "deployments", "-o", "name").contains("/details-v1\n")) {
      return;
    }
    suite.kafleet("delete", "-f", folder.toString());
    for (String cluster : Suite.MEMBERS) {
      try (KubernetesClient member = member(cluster)) {
        await(
            () -> live(member).values().stream().allMatch(TreeSet::isEmpty),
            "no bookinfo object left in " + cluster + " after kafleet delete");
      }
    }
  }

  /**
   * Waits until the member holds exactly the table's Deployments, ServiceAccounts and Services, and
   * the Gateway and VirtualService, read from its API server and through its agent.
   */
  void assertLandedIn(String cluster) {
    Map<String, TreeSet<String>> expected = expected(cluster);
    try (KubernetesClient member = member(cluster)) {
      await(
          () -> live(member).equals(expected),
          "bookinfo objects in " + cluster + " as the scenario table says: " + expected);
    }
    String read = suite.kafleet("get", "deployments", "-m", cluster, "-o", "json");
    assertThat(read)
        .as("kafleet get deployments -m %s -o json, read through its agent", cluster)
        .contains("\"kind\" : \"List\"")
        .contains(DEPLOYMENTS.get(cluster).stream().map(d -> "\"name\" : \"" + d + "\"").toList());
  }

  /** The member holds none of the scenario's objects (its agent did not apply them). */
  void assertAbsentFrom(String cluster) {
    try (KubernetesClient member = member(cluster)) {
      Map<String, TreeSet<String>> live = live(member);
      assertThat(live.values().stream().allMatch(TreeSet::isEmpty))
          .as("bookinfo objects in %s, expected none, seen %s", cluster, live)
          .isTrue();
    }
  }

  /**
   * Waits until placement-service reports, for every bookinfo template placed in the cluster, that
   * the cluster applied the current work: its agent caught up and reported.
   */
  void assertStatusCurrentIn(String cluster) {
    await(
        () -> {
          Map<String, Boolean> current = currentIn(cluster);
          return current.keySet().containsAll(expectedTemplates(cluster))
              && !current.containsValue(false);
        },
        "placement-service status current in " + cluster + " for " + expectedTemplates(cluster));
  }

  /** Per bookinfo template placed in the cluster ({@code Kind/name}), whether it is current. */
  private Map<String, Boolean> currentIn(String cluster) {
    Map<String, Boolean> current = new TreeMap<>();
    for (String kind : TEMPLATE_KINDS) {
      for (JsonNode template : json(suite.kafleet("get", kind, "-o", "json")).path("items")) {
        String name =
            template.path("kind").asText() + "/" + template.path("metadata").path("name").asText();
        if (!expectedTemplates(cluster).contains(name)) {
          continue;
        }
        for (JsonNode status : template.path("status").path("clusters")) {
          if (status.path("cluster").asText().equals(cluster)) {
            current.put(name, status.path("current").asBoolean());
          }
        }
      }
    }
    return current;
  }

  private static TreeSet<String> expectedTemplates(String cluster) {
    TreeSet<String> templates = new TreeSet<>();
    expected(cluster).forEach((kind, names) -> names.forEach(n -> templates.add(kind + "/" + n)));
    return templates;
  }

  private static Map<String, TreeSet<String>> expected(String cluster) {
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    expected.put("Deployment", new TreeSet<>(DEPLOYMENTS.get(cluster)));
    expected.put("ServiceAccount", new TreeSet<>(SERVICE_ACCOUNTS.get(cluster)));
    expected.put("Service", new TreeSet<>(SERVICES));
    expected.put("Gateway", new TreeSet<>(List.of("bookinfo-gateway")));
    expected.put("VirtualService", new TreeSet<>(List.of("bookinfo")));
    return expected;
  }

  /** The bookinfo objects the member's API server holds, by kind (the other seed shares it). */
  private static Map<String, TreeSet<String>> live(KubernetesClient member) {
    Map<String, TreeSet<String>> live = new TreeMap<>();
    live.put(
        "Deployment",
        bookinfo(names(member.apps().deployments().inNamespace("default").list().getItems())));
    live.put(
        "ServiceAccount",
        bookinfo(names(member.serviceAccounts().inNamespace("default").list().getItems())));
    live.put(
        "Service", bookinfo(names(member.services().inNamespace("default").list().getItems())));
    live.put(
        "Gateway",
        present(istio(member, "Gateway", "bookinfo-gateway") != null, "bookinfo-gateway"));
    live.put(
        "VirtualService", present(istio(member, "VirtualService", "bookinfo") != null, "bookinfo"));
    return live;
  }

  private static TreeSet<String> present(boolean present, String name) {
    return present ? new TreeSet<>(List.of(name)) : new TreeSet<>();
  }

  private static TreeSet<String> bookinfo(TreeSet<String> names) {
    names.removeIf(
        name -> !name.matches("(bookinfo-)?(details|ratings|reviews|productpage)(-v\\d)?"));
    return names;
  }

  private KubernetesClient member(String cluster) {
    return suite.member(cluster);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
