package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosTest {

  private final Scenarios scenarios = Scenarios.locate();

  @Test
  void findsTheExamplesInTheProject() {
    Path root = scenarios.root();
    assertThat(root.getFileName()).as("scenarios folder %s", root).isEqualTo(Path.of("examples"));
    assertThat(root.resolveSibling("mvnw")).as("the project root beside %s", root).isRegularFile();
    assertThat(root.resolve("README.md")).as("the scenarios README in %s", root).isRegularFile();
  }

  @Test
  void bookinfoHoldsTheObjectsTheReadmeDescribes() {
    List<ScenarioDocument> docs = scenarios.load("bookinfo");

    Map<String, List<String>> expected = new TreeMap<>();
    expected.put("Service", List.of("details", "productpage", "ratings", "reviews"));
    expected.put(
        "ServiceAccount",
        List.of(
            "bookinfo-details", "bookinfo-productpage", "bookinfo-ratings", "bookinfo-reviews"));
    expected.put(
        "Deployment",
        List.of(
            "details-v1",
            "productpage-v1",
            "ratings-v1",
            "reviews-v1",
            "reviews-v2",
            "reviews-v3"));
    expected.put(
        "PropagationPolicy",
        List.of(
            "details-propagation",
            "produtpage-propagation",
            "ratings-propagation",
            "reviews-propagation",
            "service-propagation"));
    expected.put("Gateway", List.of("bookinfo-gateway"));
    expected.put("VirtualService", List.of("bookinfo"));

    Map<String, List<String>> seen = sortedNamesByKind(docs);
    assertThat(seen)
        .as("bookinfo names by kind, expected %s%n seen %s", expected, seen)
        .isEqualTo(expected);
  }

  @Test
  void bookinfoDocumentsKeepTheirFileAndFields() {
    List<ScenarioDocument> docs = scenarios.load("bookinfo");

    Map<String, String> fileByObject =
        docs.stream()
            .collect(Collectors.toMap(d -> d.kind() + "/" + d.name(), ScenarioDocument::file));
    assertThat(fileByObject)
        .as("file of each object, seen %s", fileByObject)
        .containsEntry("Gateway/bookinfo-gateway", "bookinfo-gateway.yaml")
        .containsEntry("VirtualService/bookinfo", "bookinfo-gateway.yaml")
        .containsEntry("PropagationPolicy/produtpage-propagation", "propagation.yaml")
        .containsEntry("Deployment/reviews-v3", "bookinfo-karmada.yaml");

    ScenarioDocument ratings = find(docs, "PropagationPolicy", "ratings-propagation");
    assertThat(ratings.apiVersion())
        .as("apiVersion of %s", ratings)
        .isEqualTo("policy.karmada.io/v1alpha1");
    JsonNode exclude = ratings.content().at("/spec/placement/clusterAffinity/exclude");
    assertThat(exclude.toString())
        .as("clusterAffinity.exclude of %s, expected [\"member1\"], seen %s", ratings, exclude)
        .isEqualTo("[\"member1\"]");
  }

  @Test
  void podinfoApplicationKeepsTheClusterPlaceholders() {
    List<ScenarioDocument> docs = scenarios.load("podinfo-blue-green");

    ScenarioDocument app = find(docs, "Application", "podinfo");
    assertThat(app.file()).as("file of %s", app).isEqualTo("application.yaml");
    assertThat(app.apiVersion()).as("apiVersion of %s", app).isEqualTo("core.oam.dev/v1beta1");
    List<String> clusters = clusters(app);
    assertThat(clusters)
        .as("topology clusters of %s, expected placeholders, seen %s", app, clusters)
        .containsExactly("<clusterid1>", "<clusterid2>");
  }

  @Test
  void podinfoPlaceholdersAreReplacedAsText() {
    List<ScenarioDocument> docs =
        scenarios.load(
            "podinfo-blue-green", Map.of("<clusterid1>", "member1", "<clusterid2>", "member2"));

    ScenarioDocument app = find(docs, "Application", "podinfo");
    List<String> clusters = clusters(app);
    assertThat(clusters)
        .as("topology clusters after replacement, expected [member1, member2], seen %s", clusters)
        .containsExactly("member1", "member2");
  }

  @Test
  void podinfoHoldsTheObjectsTheReadmeDescribes() {
    Map<String, List<String>> seen = sortedNamesByKind(scenarios.load("podinfo-blue-green"));

    Map<String, List<String>> expected = new TreeMap<>();
    expected.put("Application", List.of("podinfo"));
    expected.put("Service", List.of("podinfo"));
    expected.put("Deployment", List.of("podinfo-blue", "podinfo-green"));
    expected.put("Gateway", List.of("podinfo-gateway"));
    expected.put("DestinationRule", List.of("podinfo"));
    // virtualservice-blue.yaml and virtualservice-green-80.yaml: two versions of one object.
    expected.put("VirtualService", List.of("podinfo", "podinfo"));
    assertThat(seen)
        .as("podinfo-blue-green names by kind, expected %s%n seen %s", expected, seen)
        .isEqualTo(expected);
  }

  @Test
  void aMissingScenarioNamesThePathTried() {
    Path tried = scenarios.root().resolve("no-such-scenario");

    assertThatThrownBy(() -> scenarios.load("no-such-scenario"))
        .as("loading a missing scenario")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no folder " + tried)
        .hasMessageContaining("available: bookinfo, podinfo-blue-green");
  }

  @Test
  void theProjectRootIsFoundFromAModuleDirectory(@TempDir Path tmp) throws IOException {
    Path project = Files.createDirectories(tmp.resolve("main"));
    Files.createFile(project.resolve("mvnw"));
    Path module = Files.createDirectories(project.resolve("e2e"));

    Path seen = Scenarios.locate(null, module).root();
    Path expected = project.resolve("examples");
    assertThat(seen)
        .as("scenarios folder, expected %s, seen %s", expected, seen)
        .isEqualTo(expected);
  }

  @Test
  void theSystemPropertyOverridesTheProjectRoot(@TempDir Path tmp) throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(elsewhere.resolve("bookinfo"));
    Files.writeString(
        elsewhere.resolve("bookinfo").resolve("one.yaml"),
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n---\n");

    Scenarios overridden = Scenarios.locate(elsewhere.toString(), Path.of("").toAbsolutePath());
    List<ScenarioDocument> docs = overridden.load("bookinfo");

    assertThat(overridden.root()).as("overridden root").isEqualTo(elsewhere);
    assertThat(docs)
        .as("documents of the overriding folder, trailing --- skipped, seen %s", docs)
        .extracting(ScenarioDocument::toString)
        .containsExactly("one.yaml#0 Namespace/bookinfo");
  }

  @Test
  void aMissingOverrideFolderSaysWhereItCameFrom(@TempDir Path tmp) {
    Path nowhere = tmp.resolve("nowhere");
    Scenarios overridden = Scenarios.locate(nowhere.toString(), tmp);

    assertThatThrownBy(() -> overridden.load("bookinfo"))
        .as("loading from a missing override folder")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no folder " + nowhere.resolve("bookinfo"))
        .hasMessageContaining("from -D" + Scenarios.OVERRIDE_PROPERTY)
        .hasMessageContaining("that folder does not exist");
  }

  @Test
  void noProjectRootNamesTheStartingDirectory(@TempDir Path tmp) throws IOException {
    Path start = Files.createDirectories(tmp.resolve("a").resolve("b"));
    // Only meaningful if nothing above the temp dir holds an mvnw.
    assumeTrue(noMvnwAbove(tmp), "a directory above " + tmp + " holds mvnw");

    assertThatThrownBy(() -> Scenarios.locate(null, start))
        .as("locating from outside any project")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at or above " + start)
        .hasMessageContaining("-D" + Scenarios.OVERRIDE_PROPERTY);
  }

  private static boolean noMvnwAbove(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("mvnw"))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<String>> sortedNamesByKind(List<ScenarioDocument> docs) {
    return docs.stream()
        .collect(
            Collectors.groupingBy(
                ScenarioDocument::kind,
                TreeMap::new,
                Collectors.collectingAndThen(
                    Collectors.mapping(ScenarioDocument::name, Collectors.toList()),
                    names -> names.stream().sorted().toList())));
  }

  private static ScenarioDocument find(List<ScenarioDocument> docs, String kind, String name) {
    return docs.stream()
        .filter(d -> d.kind().equals(kind) && d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + docs));
  }

  private static List<String> clusters(ScenarioDocument app) {
    JsonNode policies = app.content().at("/spec/policies");
    for (JsonNode policy : policies) {
      if (policy.path("type").asText().equals("topology")) {
        return textValues(policy.at("/properties/clusters"));
      }
    }
    throw new AssertionError("no topology policy in " + app + ": " + policies);
  }

  private static List<String> textValues(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
