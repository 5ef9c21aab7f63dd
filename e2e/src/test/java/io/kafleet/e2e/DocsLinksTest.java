package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the repository's Markdown (README.md, docs/ and any other *.md outside
 * build output) points at a file that exists, and at a heading that exists when it names one.
 */
class DocsLinksTest {

  private static final Set<String> SKIPPED = Set.of("target", "node_modules");

  private final Path root = projectRoot();

  @Test
  void theFrontPageAndTheDocsExist() throws IOException {
    assertThat(root.resolve("README.md")).isRegularFile();
    assertThat(markdown().stream().filter(p -> root.relativize(p).startsWith("docs")))
        .as("Markdown files in %s", root.resolve("docs"))
        .isNotEmpty();
  }

  @Test
  void everyRelativeLinkPointsAtSomething() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path file : markdown()) {
      broken.addAll(MarkdownLinks.broken(root, file));
    }
    assertThat(broken).as("broken links (file:line: link)").isEmpty();
  }

  private List<Path> markdown() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .filter(this::notSkipped)
          .sorted()
          .toList();
    }
  }

  // Build output, installed packages and hidden folders (.git, the dev stack's .kafleet state).
  private boolean notSkipped(Path file) {
    Path folder = root.relativize(file).getParent();
    if (folder == null) {
      return true;
    }
    for (Path part : folder) {
      String name = part.toString();
      if (SKIPPED.contains(name) || name.startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory holding mvnw at or above " + Path.of("").toAbsolutePath());
  }
}
