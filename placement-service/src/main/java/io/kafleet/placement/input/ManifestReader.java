package io.kafleet.placement.input;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads what {@code kubectl apply -f} reads: one or more YAML documents (JSON is YAML too), each a
 * Kubernetes object with apiVersion, kind and metadata.name. Empty documents are skipped, as
 * kubectl does.
 */
public final class ManifestReader {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private ManifestReader() {}

  /**
   * @param source a name for error messages, e.g. the file name
   */
  public static List<JsonNode> read(String source, String text) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (parsed.hasNextValue()) {
        JsonNode document = parsed.nextValue();
        String where = source + " document " + index++;
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        documents.add(requireObject(where, document));
      }
    } catch (JacksonException e) {
      throw new InvalidInputException(
          source, "is not valid YAML: " + e.getOriginalMessage() + locate(e));
    }
    return documents;
  }

  private static JsonNode requireObject(String where, JsonNode document) {
    if (!document.isObject()) {
      throw new InvalidInputException(where, "is not a Kubernetes object (a YAML mapping)");
    }
    for (String field : List.of("apiVersion", "kind")) {
      if (document.path(field).asString("").isBlank()) {
        throw new InvalidInputException(where + " " + field, "is required");
      }
    }
    if (document.path("metadata").path("name").asString("").isBlank()) {
      throw new InvalidInputException(where + " metadata.name", "is required");
    }
    return document;
  }

  private static String locate(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
