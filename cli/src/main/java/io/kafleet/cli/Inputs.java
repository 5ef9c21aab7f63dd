package io.kafleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What {@code -f} names, as kubectl reads it: a file, every manifest of a directory, or stdin. */
final class Inputs {

  /** One file's text, with the name errors will carry. */
  record Input(String name, String text) {}

  private Inputs() {}

  static List<Input> read(List<String> paths, InputStream stdin) {
    List<Input> inputs = new ArrayList<>();
    for (String path : paths) {
      try {
        if (path.equals("-")) {
          inputs.add(new Input("stdin", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
          continue;
        }
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
          try (Stream<Path> files = Files.list(file)) {
            for (Path manifest : files.filter(Inputs::isManifest).sorted().toList()) {
              inputs.add(new Input(manifest.getFileName().toString(), Files.readString(manifest)));
            }
          }
        } else {
          inputs.add(new Input(file.getFileName().toString(), Files.readString(file)));
        }
      } catch (IOException e) {
        throw new CliException("cannot read " + path + ": " + e.getMessage());
      }
    }
    if (inputs.isEmpty()) {
      throw new CliException("no manifests (*.yaml, *.yml, *.json) in " + paths);
    }
    return inputs;
  }

  private static boolean isManifest(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }
}
