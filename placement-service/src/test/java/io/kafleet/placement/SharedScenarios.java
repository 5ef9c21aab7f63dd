package io.kafleet.placement;

import java.nio.file.Files;
import java.nio.file.Path;

/** The acceptance scenarios in examples/ under the project root, read unchanged. */
public final class SharedScenarios {

  private SharedScenarios() {}

  public static Path scenario(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError(
          "no project root (a folder with mvnw) above " + Path.of("").toAbsolutePath());
    }
    Path scenario = dir.resolve("examples").resolve(name);
    if (!Files.isDirectory(scenario)) {
      throw new AssertionError("the " + name + " example is not at " + scenario);
    }
    return scenario;
  }
}
