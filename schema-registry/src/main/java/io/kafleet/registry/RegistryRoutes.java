package io.kafleet.registry;

import io.kafleet.registry.ResponseBodies.Compatibility;
import io.kafleet.registry.ResponseBodies.CompatibilityLevelBody;
import io.kafleet.registry.ResponseBodies.CompatibilityUpdate;
import io.kafleet.registry.ResponseBodies.RawJson;
import io.kafleet.registry.ResponseBodies.SchemaId;
import io.kafleet.registry.ResponseBodies.SchemaString;
import io.kafleet.registry.ResponseBodies.SchemaVersion;
import io.kafleet.registry.ResponseBodies.SubjectVersionRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The subset of the Confluent Schema Registry REST API that kafleet serves. */
final class RegistryRoutes {

  private RegistryRoutes() {}

  static Router create(SchemaRegistry registry) {
    return new Router()
        .add("GET", "/", request -> Map.of())
        .add("GET", "/schemas/types", request -> List.of("AVRO"))
        .add("GET", "/schemas/ids/{id}", request -> new SchemaString(schema(registry, request)))
        .add("GET", "/schemas/ids/{id}/schema", request -> new RawJson(schema(registry, request)))
        .add(
            "GET",
            "/schemas/ids/{id}/versions",
            request ->
                registry.usesOf(schemaId(request)).stream()
                    .map(use -> new SubjectVersionRef(use.subject(), use.version()))
                    .toList())
        .add("GET", "/subjects", request -> registry.subjects(request.flag("deleted")))
        .add(
            "POST",
            "/subjects/{subject}",
            request -> SchemaVersion.of(registry.lookup(subject(request), schemaText(request))))
        .add("DELETE", "/subjects/{subject}", request -> registry.deleteSubject(subject(request)))
        .add("GET", "/subjects/{subject}/versions", request -> registry.versions(subject(request)))
        .add(
            "POST",
            "/subjects/{subject}/versions",
            request -> new SchemaId(registry.register(subject(request), schemaText(request))))
        .add(
            "GET",
            "/subjects/{subject}/versions/{version}",
            request -> SchemaVersion.of(registry.version(subject(request), version(request))))
        .add(
            "GET",
            "/subjects/{subject}/versions/{version}/schema",
            request ->
                new RawJson(
                    registry.version(subject(request), version(request)).schema().canonical()))
        .add(
            "POST",
            "/compatibility/subjects/{subject}/versions/{version}",
            request -> compatibility(registry, request))
        .add("GET", "/config", request -> new CompatibilityLevelBody(registry.globalLevel().name()))
        .add("PUT", "/config", request -> setLevel(registry, null, request))
        .add(
            "GET",
            "/config/{subject}",
            request ->
                new CompatibilityLevelBody(
                    registry
                        .subjectLevel(subject(request), request.flag("defaultToGlobal"))
                        .name()))
        .add("PUT", "/config/{subject}", request -> setLevel(registry, subject(request), request));
  }

  private static String subject(ApiRequest request) {
    return request.path("subject");
  }

  private static int version(ApiRequest request) {
    return SchemaRegistry.parseVersion(request.path("version"));
  }

  private static int schemaId(ApiRequest request) {
    String id = request.path("id");
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw RegistryException.schemaNotFound(id);
    }
  }

  private static String schema(SchemaRegistry registry, ApiRequest request) {
    return registry.schema(schemaId(request)).canonical();
  }

  private static Compatibility compatibility(SchemaRegistry registry, ApiRequest request) {
    // The version is checked before the body, as Confluent does.
    int version = version(request);
    List<String> problems =
        registry.incompatibilities(subject(request), version, schemaText(request));
    return new Compatibility(problems.isEmpty(), request.flag("verbose") ? problems : null);
  }

  private static CompatibilityUpdate setLevel(
      SchemaRegistry registry, String subject, ApiRequest request) {
    JsonNode level = request.body().path("compatibility");
    CompatibilityLevel parsed =
        CompatibilityLevel.parse(level.isString() ? level.asString() : null);
    registry.setLevel(subject, parsed);
    return new CompatibilityUpdate(parsed.name());
  }

  /** The Avro schema text of a registration body; other schema types and references are refused. */
  private static String schemaText(ApiRequest request) {
    JsonNode body = request.body();
    if (!body.isObject()) {
      throw RegistryException.invalidSchema("The request body must be a JSON object with a schema");
    }
    JsonNode type = body.path("schemaType");
    if (!type.isMissingNode()
        && !type.isNull()
        && !"AVRO".equals(type.asString("").toUpperCase(Locale.ROOT))) {
      throw RegistryException.invalidSchema(
          "Invalid schema type " + type + ": this registry supports AVRO only");
    }
    JsonNode references = body.path("references");
    if (references.isArray() && !references.isEmpty()) {
      throw RegistryException.invalidSchema("Schema references are not supported");
    }
    JsonNode schema = body.path("schema");
    if (!schema.isString()) {
      throw RegistryException.invalidSchema("Empty schema");
    }
    return schema.asString();
  }
}
