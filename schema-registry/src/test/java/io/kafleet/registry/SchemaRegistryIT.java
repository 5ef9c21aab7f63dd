package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.AvroFixtures.eventWithDefaultedField;
import static io.kafleet.registry.AvroFixtures.eventWithRequiredField;
import static io.kafleet.registry.RegistryApiTest.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry against a real broker: everything it serves went through its topic. */
@ExtendWith(KafkaBrokerExtension.class)
class SchemaRegistryIT {

  static RegistrySettings settings(EmbeddedKafkaBroker broker, TestTopics topics) {
    return RegistrySettings.of(broker.bootstrapServers()).withTopic(topics.name("schemas"));
  }

  @Test
  void registersLooksUpAndServesSchemas(EmbeddedKafkaBroker broker, TestTopics topics) {
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings(broker, topics))) {
      RegistryHttp http = new RegistryHttp(registry.url());
      String canonical = ParsedSchema.parse(eventV1()).canonical();

      Reply registered = http.register("orders-value", eventV1());
      assertThat(registered.status()).as("%s", registered).isEqualTo(200);
      assertThat(registered.id()).as("first id, from %s", registered).isEqualTo(1);
      assertThat(http.register("orders-value", eventV1()).id())
          .as("id of the same schema registered again")
          .isEqualTo(1);
      assertThat(http.register("audit-value", eventV1()).id())
          .as("id of the same schema under another subject")
          .isEqualTo(1);
      Reply second = http.register("orders-value", eventWithDefaultedField());
      assertThat(second.id()).as("id of version 2, from %s", second).isEqualTo(2);

      Reply lookup = http.lookup("orders-value", eventV1());
      assertThat(lookup.json().path("version").asInt()).as("version in %s", lookup).isEqualTo(1);
      assertThat(lookup.json().path("id").asInt()).as("id in %s", lookup).isEqualTo(1);
      Reply byId = http.get("/schemas/ids/1");
      assertThat(byId.json().path("schema").asText()).as("%s", byId).isEqualTo(canonical);
      assertThat(http.get("/subjects").text())
          .as("GET /subjects")
          .isEqualTo("[\"audit-value\",\"orders-value\"]");
      assertThat(http.get("/subjects/orders-value/versions").text())
          .as("versions of orders-value")
          .isEqualTo("[1,2]");
      Reply latest = http.get("/subjects/orders-value/versions/latest");
      assertThat(latest.json().path("version").asInt()).as("version in %s", latest).isEqualTo(2);
      assertThat(latest.json().path("id").asInt()).as("id in %s", latest).isEqualTo(2);
      assertThat(http.get("/schemas/ids/1/versions").text())
          .as("uses of id 1")
          .isEqualTo(
              "[{\"subject\":\"audit-value\",\"version\":1},"
                  + "{\"subject\":\"orders-value\",\"version\":1}]");
    }
  }

  @Test
  void refusesIncompatibleChangesWith409(EmbeddedKafkaBroker broker, TestTopics topics) {
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings(broker, topics))) {
      RegistryHttp http = new RegistryHttp(registry.url());
      http.register("s", eventV1());

      Reply refused = http.register("s", eventWithRequiredField());
      expectError(refused, 409, 409);
      assertThat(refused.json().path("message").asText())
          .as("message in %s", refused)
          .contains("incompatible with an earlier schema for subject \"s\"")
          .contains("owner");

      Reply accepted = http.register("s", eventWithDefaultedField());
      assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
      assertThat(accepted.id()).as("id of %s", accepted).isEqualTo(2);
    }
  }

  @Test
  void keepsCompatibilityLevels(EmbeddedKafkaBroker broker, TestTopics topics) {
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings(broker, topics))) {
      RegistryHttp http = new RegistryHttp(registry.url());

      assertThat(http.get("/config").text())
          .as("GET /config")
          .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
      Reply put = http.put("/config", "{\"compatibility\":\"FULL\"}");
      assertThat(put.text()).as("%s", put).isEqualTo("{\"compatibility\":\"FULL\"}");
      assertThat(http.get("/config").text())
          .as("GET /config after PUT")
          .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
      expectError(http.get("/config/s"), 404, 40408);
      http.put("/config/s", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
      assertThat(http.get("/config/s").text())
          .as("GET /config/s")
          .isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
      expectError(http.put("/config", "{\"compatibility\":\"LENIENT\"}"), 422, 42203);
    }
  }

  @Test
  void answersNotFoundWithConfluentsCodes(EmbeddedKafkaBroker broker, TestTopics topics) {
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings(broker, topics))) {
      RegistryHttp http = new RegistryHttp(registry.url());
      http.register("s", eventV1());

      expectError(http.get("/subjects/other/versions/latest"), 404, 40401);
      expectError(http.get("/subjects/s/versions/2"), 404, 40402);
      expectError(http.get("/schemas/ids/2"), 404, 40403);
      expectError(http.lookup("s", eventWithDefaultedField()), 404, 40403);
    }
  }

  @Test
  void softDeletesThroughTheTopic(EmbeddedKafkaBroker broker, TestTopics topics) {
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings(broker, topics))) {
      RegistryHttp http = new RegistryHttp(registry.url());
      http.register("s", eventV1());

      Reply deleted = http.delete("/subjects/s");
      assertThat(deleted.text()).as("%s", deleted).isEqualTo("[1]");
      expectError(http.get("/subjects/s/versions"), 404, 40401);
      assertThat(http.get("/schemas/ids/1").status()).as("GET /schemas/ids/1").isEqualTo(200);
    }
  }

  @Test
  void createsACompactedOnePartitionTopic(EmbeddedKafkaBroker broker, TestTopics topics)
      throws Exception {
    String topic = topics.name("schemas");
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings(broker, topics));
        Admin admin = broker.admin()) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);

      assertThat(description.partitions()).as("partitions of %s", topic).hasSize(1);
      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .as("cleanup.policy of %s", topic)
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
  }

  @Test
  void refusesATopicWithSeveralPartitions(EmbeddedKafkaBroker broker, TestTopics topics) {
    broker.createTopic(
        topics.name("schemas"),
        3,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    assertThatThrownBy(() -> SchemaRegistryServer.start(settings(broker, topics)).close())
        .as("start on a topic with 3 partitions")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has 3 partitions");
  }
}
