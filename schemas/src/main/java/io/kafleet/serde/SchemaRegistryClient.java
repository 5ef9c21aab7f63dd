package io.kafleet.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of the Confluent Schema Registry REST API (the subset kafleet uses), with the caches a
 * serde needs: a schema registered or looked up once per subject, an id resolved once. Works
 * against Confluent Schema Registry and kafleet's embedded registry alike.
 */
public final class SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<URI> baseUris;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * @param urls one or more base URLs, comma separated; the next is tried when one cannot be
   *     reached
   * @param userInfo {@code user:password} for HTTP basic auth, or null
   */
  public SchemaRegistryClient(String urls, String userInfo, Duration timeout) {
    this.baseUris = parseUrls(urls);
    this.authorization =
        Optional.ofNullable(userInfo)
            .filter(info -> !info.isBlank())
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public SchemaRegistryClient(String urls) {
    this(urls, null, Duration.ofSeconds(10));
  }

  /** Registers the schema under the subject (a no-op if it is there already) and returns its id. */
  public int register(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          JsonNode answer = send("POST", subjectPath(subject) + "/versions", schemaBody(schema));
          int id = answer.path("id").asInt();
          schemasById.putIfAbsent(id, schema);
          return id;
        });
  }

  /** The id and version of a schema already registered under the subject. */
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode answer = send("POST", subjectPath(subject), schemaBody(schema));
    RegisteredSchema registered = toRegistered(answer);
    idsBySubjectSchema.putIfAbsent(new SubjectSchema(subject, schema), registered.id());
    return registered;
  }

  /** The id of a schema already registered under the subject, cached. */
  public int lookupId(String subject, Schema schema) {
    Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
    return cached != null ? cached : lookup(subject, schema).id();
  }

  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(
        id,
        key ->
            new Schema.Parser()
                .parse(send("GET", "/schemas/ids/" + id, null).path("schema").asString()));
  }

  /** A version of a subject: a number, or {@code latest}. */
  public RegisteredSchema version(String subject, String version) {
    return toRegistered(send("GET", subjectPath(subject) + "/versions/" + version, null));
  }

  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    send("GET", subjectPath(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
    return versions;
  }

  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "/subjects", null).forEach(s -> subjects.add(s.asString()));
    return subjects;
  }

  /** Whether the schema may become the subject's next version under its compatibility level. */
  public boolean isCompatible(String subject, Schema schema) {
    return send(
            "POST",
            "/compatibility" + subjectPath(subject) + "/versions/latest",
            schemaBody(schema))
        .path("is_compatible")
        .asBoolean();
  }

  /** The compatibility level of a subject, or the global one when subject is null. */
  public String compatibility(String subject) {
    String path =
        subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
    return send("GET", path, null).path("compatibilityLevel").asString();
  }

  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString());
  }

  private JsonNode send(String method, String path, String body) {
    IOException lastFailure = null;
    for (URI base : baseUris) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(base.getPath() + path))
              .timeout(timeout)
              .header("Accept", ACCEPT)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      authorization.ifPresent(value -> request.header("Authorization", value));
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return parse(method, path, response);
      } catch (IOException e) {
        lastFailure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted calling the schema registry", e);
      }
    }
    throw new SchemaRegistryException(
        "schema registry unreachable at " + baseUris + ": " + lastFailure, lastFailure);
  }

  private static JsonNode parse(String method, String path, HttpResponse<String> response) {
    JsonNode json;
    try {
      json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (JacksonException e) {
      json = JSON.nullNode();
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return json;
    }
    int errorCode = json.path("error_code").asInt(status);
    String message = json.path("message").asString(response.body());
    throw new SchemaRegistryException(status, errorCode, method + " " + path + ": " + message);
  }

  private static RegisteredSchema toRegistered(JsonNode answer) {
    return new RegisteredSchema(
        answer.path("subject").asString(),
        answer.path("version").asInt(),
        answer.path("id").asInt(),
        answer.path("schema").asString());
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String subjectPath(String subject) {
    return "/subjects/" + encode(subject);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<URI> parseUrls(String urls) {
    if (urls == null || urls.isBlank()) {
      throw new IllegalArgumentException("schema.registry.url is not set");
    }
    List<URI> uris = new ArrayList<>();
    for (String url : urls.split(",")) {
      String trimmed = url.strip();
      uris.add(
          URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
    }
    return List.copyOf(uris);
  }
}
