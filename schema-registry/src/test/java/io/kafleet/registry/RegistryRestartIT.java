package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.AvroFixtures.eventWithDefaultedField;
import static io.kafleet.registry.AvroFixtures.field;
import static io.kafleet.registry.AvroFixtures.record;
import static io.kafleet.registry.RegistryApiTest.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topic is the whole state: a new server on it knows everything the old one did. */
@ExtendWith(KafkaBrokerExtension.class)
class RegistryRestartIT {

  @Test
  void aRestartedRegistryKeepsIdsVersionsLevelsAndDeletions(
      EmbeddedKafkaBroker broker, TestTopics topics) {
    RegistrySettings settings = SchemaRegistryIT.settings(broker, topics);
    int first;
    int second;
    int third;
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings)) {
      RegistryHttp http = new RegistryHttp(registry.url());
      first = http.register("orders-value", eventV1()).id();
      second = http.register("orders-value", eventWithDefaultedField()).id();
      third = http.register("gone-value", record("Gone", field("x", "long"))).id();
      http.delete("/subjects/gone-value");
      http.put("/config", "{\"compatibility\":\"FULL\"}");
      http.put("/config/orders-value", "{\"compatibility\":\"NONE\"}");
    }

    // One record per poll: the restarted registry must read to the end over many polls.
    RegistrySettings slowReader =
        settings.withKafkaProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(slowReader)) {
      RegistryHttp http = new RegistryHttp(registry.url());

      assertThat(http.register("orders-value", eventV1()).id())
          .as("id of version 1 after the restart")
          .isEqualTo(first);
      Reply latest = http.get("/subjects/orders-value/versions/latest");
      assertThat(latest.json().path("version").asInt()).as("version in %s", latest).isEqualTo(2);
      assertThat(latest.json().path("id").asInt()).as("id in %s", latest).isEqualTo(second);
      expectError(http.get("/subjects/gone-value/versions"), 404, 40401);
      assertThat(http.get("/schemas/ids/" + third).status())
          .as("GET the deleted subject's id")
          .isEqualTo(200);
      assertThat(http.get("/config").json().path("compatibilityLevel").asText())
          .as("global level after the restart")
          .isEqualTo("FULL");
      assertThat(http.get("/config/orders-value").json().path("compatibilityLevel").asText())
          .as("subject level after the restart")
          .isEqualTo("NONE");

      Reply fresh = http.register("new-value", record("Fresh", field("y", "int")));
      assertThat(fresh.id())
          .as("id of a new schema after ids %d, %d, %d, from %s", first, second, third, fresh)
          .isGreaterThan(Math.max(first, Math.max(second, third)));
    }
  }

  @Test
  void aRegistryStartedLaterServesWhatTheFirstWroteAtOnce(
      EmbeddedKafkaBroker broker, TestTopics topics) {
    RegistrySettings settings = SchemaRegistryIT.settings(broker, topics);
    try (SchemaRegistryServer first = SchemaRegistryServer.start(settings)) {
      int id = new RegistryHttp(first.url()).register("s", eventV1()).id();

      try (SchemaRegistryServer second = SchemaRegistryServer.start(settings)) {
        // No waiting: start() returns only once the topic has been read to its end.
        Reply latest = new RegistryHttp(second.url()).get("/subjects/s/versions/latest");
        assertThat(latest.json().path("id").asInt()).as("id in %s", latest).isEqualTo(id);
      }
    }
  }
}
