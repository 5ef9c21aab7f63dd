package io.kafleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The acceptance scenarios ({@code examples/} under the project root), read in place and unchanged:
 * the end-to-end tests use the files a user starts from, not a copy.
 */
public final class Scenarios {

  /** System property naming the scenarios folder, for checkouts laid out differently. */
  public static final String OVERRIDE_PROPERTY = "kafleet.scenarios";

  private static final String FROM_PROJECT_ROOT = "examples";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path root;
  private final String foundHow;

  private Scenarios(Path root, String foundHow) {
    this.root = root;
    this.foundHow = foundHow;
  }

  /** The scenarios of this checkout: {@code -Dkafleet.scenarios}, else found from the cwd. */
  public static Scenarios locate() {
    return locate(System.getProperty(OVERRIDE_PROPERTY), Path.of("").toAbsolutePath());
  }

  /**
   * The scenarios folder named by {@code override} if given, else {@code examples} in the nearest
   * directory at or above {@code workingDirectory} that holds {@code mvnw} (Maven runs tests in the
   * module's directory, IDEs often in the project root).
   */
  static Scenarios locate(String override, Path workingDirectory) {
    if (override != null && !override.isBlank()) {
      return new Scenarios(
          Path.of(override).toAbsolutePath().normalize(), "from -D" + OVERRIDE_PROPERTY);
    }
    for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return new Scenarios(
            dir.resolve(FROM_PROJECT_ROOT),
            "as " + FROM_PROJECT_ROOT + " from project root " + dir);
      }
    }
    throw new IllegalStateException(
        "no project root (a directory holding mvnw) at or above "
            + workingDirectory.toAbsolutePath()
            + "; run from inside the project or set -D"
            + OVERRIDE_PROPERTY
            + "=<scenarios folder>");
  }

  public Path root() {
    return root;
  }

  /** Every document of every {@code .yaml}/{@code .yml} file of the scenario, files by name. */
  public List<ScenarioDocument> load(String scenario) {
    return load(scenario, Map.of());
  }

  /**
   * As {@link #load(String)}, with each key of {@code replacements} replaced by its value in the
   * file text before parsing: the way a user fills in placeholders such as {@code <clusterid1>}.
   */
  public List<ScenarioDocument> load(String scenario, Map<String, String> replacements) {
    Path folder = folder(scenario);
    List<ScenarioDocument> documents = new ArrayList<>();
    for (Path file : yamlFiles(folder)) {
      documents.addAll(parse(file, replace(read(file), replacements)));
    }
    return List.copyOf(documents);
  }

  private Path folder(String scenario) {
    Path folder = root.resolve(scenario).normalize();
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "scenario \""
              + scenario
              + "\" not found: no folder "
              + folder
              + " (scenarios folder "
              + root
              + ", "
              + foundHow
              + "; "
              + available()
              + ")");
    }
    return folder;
  }

  private String available() {
    if (!Files.isDirectory(root)) {
      return "that folder does not exist";
    }
    try (Stream<Path> entries = Files.list(root)) {
      return "available: "
          + entries
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .sorted()
              .collect(Collectors.joining(", "));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String replace(String text, Map<String, String> replacements) {
    String replaced = text;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      replaced = replaced.replace(r.getKey(), r.getValue());
    }
    return replaced;
  }

  // Empty documents (a trailing "---", a comment-only document) are skipped, as kubectl does.
  private static List<ScenarioDocument> parse(Path file, String text) {
    String fileName = file.getFileName().toString();
    List<ScenarioDocument> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> values =
        YAML.readValues(YAML.createParser(text), JsonNode.class)) {
      while (values.hasNextValue()) {
        JsonNode content = values.nextValue();
        if (content != null && !content.isNull() && !content.isMissingNode()) {
          documents.add(new ScenarioDocument(fileName, documents.size(), content));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse YAML in " + file + ": " + e.getMessage(), e);
    }
    return documents;
  }
}
