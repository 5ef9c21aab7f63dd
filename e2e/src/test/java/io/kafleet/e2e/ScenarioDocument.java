package io.kafleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One YAML document of a scenario, as written: {@code file} is its file name in the scenario
 * folder, {@code index} its position among that file's non-empty documents (from 0).
 */
public record ScenarioDocument(String file, int index, JsonNode content) {

  public ScenarioDocument {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
  }

  public String apiVersion() {
    return content.path("apiVersion").asText();
  }

  public String kind() {
    return content.path("kind").asText();
  }

  public String name() {
    return content.path("metadata").path("name").asText();
  }

  @Override
  public String toString() {
    return file + "#" + index + " " + kind() + "/" + name();
  }
}
