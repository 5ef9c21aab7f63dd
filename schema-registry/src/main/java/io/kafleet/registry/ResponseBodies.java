package io.kafleet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The JSON bodies of the Confluent REST API, field names as Confluent spells them. */
final class ResponseBodies {

  private ResponseBodies() {}

  record SchemaId(int id) {}

  @JsonPropertyOrder({"subject", "id", "version", "schema"})
  record SchemaVersion(String subject, int id, int version, String schema) {

    static SchemaVersion of(SubjectVersion version) {
      return new SchemaVersion(
          version.subject(), version.id(), version.version(), version.schema().canonical());
    }
  }

  record SchemaString(String schema) {}

  @JsonPropertyOrder({"subject", "version"})
  record SubjectVersionRef(String subject, int version) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Compatibility(
      @JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {}

  record CompatibilityLevelBody(String compatibilityLevel) {}

  record CompatibilityUpdate(String compatibility) {}

  @JsonPropertyOrder({"error_code", "message"})
  record Error(@JsonProperty("error_code") int errorCode, String message) {}

  /** A body that is JSON already, such as a schema served as itself. */
  record RawJson(String text) {}
}
