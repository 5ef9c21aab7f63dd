package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.AvroFixtures.eventWithDefaultedField;
import static io.kafleet.registry.AvroFixtures.eventWithRequiredField;
import static io.kafleet.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The REST API over a log kept in memory: Confluent's semantics without a broker. */
class RegistryApiTest {

  private SchemaRegistryServer server;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    RegistryState state = new RegistryState();
    server =
        SchemaRegistryServer.serve(
            RegistrySettings.of("unused:9092"), state, new InMemorySchemaLog(state));
    http = new RegistryHttp(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void registersAndServesASchemaEveryWay() {
    Reply registered = http.register("orders-value", eventV1());
    assertThat(registered.status()).as("%s", registered).isEqualTo(200);
    assertThat(registered.contentType())
        .as("content type of %s", registered)
        .isEqualTo(RegistryHttp.CONTENT_TYPE);
    int id = registered.id();
    assertThat(id).as("first id, from %s", registered).isEqualTo(1);
    String canonical = ParsedSchema.parse(eventV1()).canonical();

    Reply byId = http.get("/schemas/ids/" + id);
    assertThat(byId.json().path("schema").asString()).as("%s", byId).isEqualTo(canonical);
    Reply rawById = http.get("/schemas/ids/" + id + "/schema");
    assertThat(rawById.text()).as("%s", rawById).isEqualTo(canonical);
    assertThat(http.get("/subjects").text()).as("GET /subjects").isEqualTo("[\"orders-value\"]");
    assertThat(http.get("/subjects/orders-value/versions").text())
        .as("GET versions")
        .isEqualTo("[1]");

    for (String version : List.of("1", "latest", "-1")) {
      Reply reply = http.get("/subjects/orders-value/versions/" + version);
      assertThat(reply.json().path("subject").asString())
          .as("subject in %s", reply)
          .isEqualTo("orders-value");
      assertThat(reply.json().path("id").asInt()).as("id in %s", reply).isEqualTo(id);
      assertThat(reply.json().path("version").asInt()).as("version in %s", reply).isEqualTo(1);
      assertThat(reply.json().path("schema").asString())
          .as("schema in %s", reply)
          .isEqualTo(canonical);
    }
    Reply raw = http.get("/subjects/orders-value/versions/latest/schema");
    assertThat(raw.text()).as("%s", raw).isEqualTo(canonical);

    Reply lookup = http.lookup("orders-value", eventV1());
    assertThat(lookup.json().path("version").asInt()).as("version in %s", lookup).isEqualTo(1);
    assertThat(lookup.json().path("id").asInt()).as("id in %s", lookup).isEqualTo(id);
  }

  @Test
  void theSameSchemaAgainKeepsItsIdAndVersion() {
    int id = http.register("s", eventV1()).id();
    String reformatted =
        "{ \"namespace\": \"io.kafleet.test\", \"name\": \"Event\", \"type\": \"record\","
            + " \"fields\": [ { \"type\": \"string\", \"name\": \"id\" } ] }";

    Reply again = http.register("s", reformatted);

    assertThat(again.id()).as("id of the reformatted schema, from %s", again).isEqualTo(id);
    assertThat(http.get("/subjects/s/versions").text()).as("versions of s").isEqualTo("[1]");
  }

  @Test
  void theSameSchemaUnderAnotherSubjectReusesItsIdAndANewOneGetsTheNext() {
    int first = http.register("a-value", eventV1()).id();
    Reply second = http.register("b-value", eventV1());
    Reply other =
        http.register("c-value", AvroFixtures.record("Other", AvroFixtures.field("x", "long")));

    assertThat(second.id()).as("id under a second subject, from %s", second).isEqualTo(first);
    assertThat(other.id()).as("id of another schema, from %s", other).isEqualTo(first + 1);
    Reply uses = http.get("/schemas/ids/" + first + "/versions");
    assertThat(uses.text())
        .as("%s", uses)
        .isEqualTo(
            "[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\",\"version\":1}]");
  }

  @Test
  void refusesAnIncompatibleChangeAndAcceptsACompatibleOne() {
    http.register("s", eventV1());

    Reply refused = http.register("s", eventWithRequiredField());
    assertThat(refused.status()).as("%s", refused).isEqualTo(409);
    assertThat(refused.errorCode()).as("error code in %s", refused).isEqualTo(409);
    assertThat(refused.json().path("message").asString())
        .as("message in %s", refused)
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject \"s\","
                + " details: [")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");

    Reply accepted = http.register("s", eventWithDefaultedField());
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    assertThat(accepted.id()).as("id of %s", accepted).isEqualTo(2);
    assertThat(http.get("/subjects/s/versions").text()).as("versions of s").isEqualTo("[1,2]");
  }

  @Test
  void answersWithConfluentsNotFoundCodes() {
    http.register("s", eventV1());

    expectError(http.get("/subjects/nope/versions"), 404, 40401);
    expectError(http.get("/subjects/nope/versions/latest"), 404, 40401);
    expectError(http.lookup("nope", eventV1()), 404, 40401);
    expectError(http.get("/subjects/s/versions/7"), 404, 40402);
    expectError(http.get("/schemas/ids/99"), 404, 40403);
    expectError(http.get("/schemas/ids/abc"), 404, 40403);
    expectError(http.get("/schemas/ids/99/versions"), 404, 40403);
    expectError(http.lookup("s", eventWithDefaultedField()), 404, 40403);
    Reply notFound = http.get("/subjects/nope/versions");
    assertThat(notFound.json().path("message").asString())
        .as("message in %s", notFound)
        .isEqualTo("Subject 'nope' not found.");
  }

  @Test
  void refusesInvalidInputWithConfluentsCodes() {
    expectError(http.register("s", "{\"type\":\"record\",\"name\":\"X\"}"), 422, 42201);
    expectError(http.register("s", "not json at all"), 422, 42201);
    expectError(
        http.register(
            "s",
            AvroFixtures.record(
                "Event", AvroFixtures.fieldWithDefault("n", "int", "\"not a number\""))),
        422,
        42201);
    expectError(
        http.post(
            "/subjects/s/versions",
            "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"),
        422,
        42201);
    expectError(http.post("/subjects/s/versions", "{\"schema\": 42}"), 422, 42201);
    expectError(http.post("/subjects/s/versions", "{\"schema\": "), 400, 400);
    expectError(http.get("/subjects/s/versions/0"), 422, 42202);
    expectError(http.get("/subjects/s/versions/first"), 422, 42202);
    expectError(
        http.send("POST", "/subjects/s/versions", schemaBody(eventV1()), "text/plain"), 415, 415);
  }

  @Test
  void acceptsPlainJsonBodiesAndAvroAsExplicitType() {
    Reply plain =
        http.send("POST", "/subjects/s/versions", schemaBody(eventV1()), "application/json");
    assertThat(plain.status()).as("%s", plain).isEqualTo(200);

    Reply typed =
        http.post(
            "/subjects/t/versions",
            "{\"schemaType\":\"AVRO\",\"schema\":" + quoted(eventV1()) + "}");
    assertThat(typed.id()).as("id of %s", typed).isEqualTo(plain.id());
  }

  @Test
  void unknownPathsAndMethodsAreConfluentErrors() {
    expectError(http.get("/no/such/path"), 404, 404);
    expectError(http.delete("/config"), 405, 405);
    expectError(http.send("PATCH", "/subjects", "{}", RegistryHttp.CONTENT_TYPE), 405, 405);
    Reply head = http.send("HEAD", "/subjects", null, null);
    assertThat(head.status()).as("%s", head).isEqualTo(405);
  }

  @Test
  void keepsGlobalAndSubjectCompatibilityLevels() {
    Reply global = http.get("/config");
    assertThat(global.text()).as("%s", global).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

    Reply set = http.put("/config", "{\"compatibility\":\"FULL\"}");
    assertThat(set.text()).as("%s", set).isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(http.get("/config").json().path("compatibilityLevel").asString())
        .as("global level after PUT")
        .isEqualTo("FULL");

    Reply unset = http.get("/config/s");
    expectError(unset, 404, 40408);
    assertThat(unset.json().path("message").asString())
        .as("message in %s", unset)
        .isEqualTo("Subject 's' does not have subject-level compatibility configured");
    assertThat(
            http.get("/config/s?defaultToGlobal=true").json().path("compatibilityLevel").asString())
        .as("level of s defaulting to global")
        .isEqualTo("FULL");

    Reply subjectSet = http.put("/config/s", "{\"compatibility\":\"none\"}");
    assertThat(subjectSet.text()).as("%s", subjectSet).isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(http.get("/config/s").json().path("compatibilityLevel").asString())
        .as("level of s")
        .isEqualTo("NONE");

    expectError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    expectError(http.put("/config/s", "{}"), 422, 42203);
    assertThat(http.get("/config").json().path("compatibilityLevel").asString())
        .as("global level after an invalid PUT")
        .isEqualTo("FULL");
  }

  @Test
  void aSubjectLevelOverridesTheGlobalOne() {
    http.register("s", eventV1());
    http.put("/config/s", "{\"compatibility\":\"NONE\"}");

    Reply anything = http.register("s", eventWithRequiredField());

    assertThat(anything.status()).as("%s", anything).isEqualTo(200);
  }

  @Test
  void transitiveLevelsCheckEveryLiveVersion() {
    http.put("/config/s", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
    http.register("s", eventV1());
    http.register(
        "s",
        AvroFixtures.record(
            "Event",
            AvroFixtures.field("id", "string"),
            AvroFixtures.fieldWithDefault("tag", "string", "\"\"")));

    Reply refused =
        http.register(
            "s",
            AvroFixtures.record(
                "Event", AvroFixtures.field("id", "string"), AvroFixtures.field("tag", "string")));

    expectError(refused, 409, 409);
    assertThat(refused.json().path("message").asString())
        .as("message in %s", refused)
        .contains("version 1");
  }

  @Test
  void testsCompatibilityWithoutRegistering() {
    Reply empty =
        http.post(
            "/compatibility/subjects/s/versions/latest", schemaBody(eventWithRequiredField()));
    assertThat(empty.text()).as("%s", empty).isEqualTo("{\"is_compatible\":true}");
    expectError(
        http.post("/compatibility/subjects/s/versions/1", schemaBody(eventV1())), 404, 40401);

    http.register("s", eventV1());
    Reply incompatible =
        http.post(
            "/compatibility/subjects/s/versions/latest?verbose=true",
            schemaBody(eventWithRequiredField()));
    assertThat(incompatible.json().path("is_compatible").asBoolean())
        .as("%s", incompatible)
        .isFalse();
    assertThat(incompatible.json().path("messages").toString())
        .as("messages in %s", incompatible)
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    Reply compatible =
        http.post("/compatibility/subjects/s/versions/1", schemaBody(eventWithDefaultedField()));
    assertThat(compatible.text()).as("%s", compatible).isEqualTo("{\"is_compatible\":true}");
    expectError(
        http.post("/compatibility/subjects/s/versions/2", schemaBody(eventV1())), 404, 40402);
    expectError(
        http.post("/compatibility/subjects/s/versions/zero", schemaBody(eventV1())), 422, 42202);
    assertThat(http.get("/subjects/s/versions").text())
        .as("versions after compatibility tests")
        .isEqualTo("[1]");
  }

  @Test
  void softDeletesASubjectAndKeepsItsIds() {
    int id = http.register("s", eventV1()).id();
    http.register("s", eventWithDefaultedField());

    Reply deleted = http.delete("/subjects/s");
    assertThat(deleted.text()).as("%s", deleted).isEqualTo("[1,2]");

    expectError(http.get("/subjects/s/versions"), 404, 40401);
    expectError(http.get("/subjects/s/versions/1"), 404, 40401);
    expectError(http.delete("/subjects/s"), 404, 40401);
    assertThat(http.get("/subjects").text()).as("GET /subjects").isEqualTo("[]");
    assertThat(http.get("/subjects?deleted=true").text())
        .as("GET /subjects?deleted=true")
        .isEqualTo("[\"s\"]");
    Reply byId = http.get("/schemas/ids/" + id);
    assertThat(byId.status()).as("%s", byId).isEqualTo(200);

    // Anything may follow a deleted subject; version numbers go on, ids stay.
    Reply again = http.register("s", eventWithRequiredField());
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    Reply latest = http.get("/subjects/s/versions/latest");
    assertThat(latest.json().path("version").asInt()).as("version in %s", latest).isEqualTo(3);
    assertThat(http.register("s", eventV1()).id()).as("id of the first schema again").isEqualTo(id);
  }

  @Test
  void decodesSubjectsInPaths() {
    String subject = "team/orders value+1";
    Reply registered = http.register(subject, eventV1());
    assertThat(registered.status()).as("%s", registered).isEqualTo(200);

    assertThat(http.get("/subjects").json().get(0).asString())
        .as("subject listed")
        .isEqualTo(subject);
    Reply latest = http.get("/subjects/" + RegistryHttp.encode(subject) + "/versions/latest");
    assertThat(latest.json().path("subject").asString()).as("%s", latest).isEqualTo(subject);
  }

  @Test
  void everyErrorBodyHasExactlyACodeAndAMessage() {
    List<Reply> errors = new ArrayList<>();
    errors.add(http.get("/subjects/nope/versions"));
    errors.add(http.get("/nowhere"));
    errors.add(http.post("/subjects/s/versions", "]"));
    errors.add(http.put("/config", "{\"compatibility\":\"X\"}"));
    for (Reply error : errors) {
      JsonNode json = error.json();
      assertThat(json.size()).as("fields in %s", error).isEqualTo(2);
      assertThat(json.path("error_code").isInt()).as("error_code in %s", error).isTrue();
      assertThat(json.path("message").isString()).as("message in %s", error).isTrue();
      assertThat(error.contentType())
          .as("content type of %s", error)
          .isEqualTo(RegistryHttp.CONTENT_TYPE);
    }
  }

  @Test
  void answersTheRootAndSchemaTypes() {
    assertThat(http.get("/").text()).as("GET /").isEqualTo("{}");
    assertThat(http.get("/schemas/types").text()).as("GET /schemas/types").isEqualTo("[\"AVRO\"]");
  }

  static void expectError(Reply reply, int status, int errorCode) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(status);
    assertThat(reply.errorCode()).as("error_code of %s", reply).isEqualTo(errorCode);
  }

  private static String quoted(String text) {
    return tools.jackson.databind.node.StringNode.valueOf(text).toString();
  }
}
