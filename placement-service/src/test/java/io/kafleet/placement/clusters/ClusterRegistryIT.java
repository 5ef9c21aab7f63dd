package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.Heartbeats;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.placement.ServiceHttp;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's Spring Cloud Stream binding reads heartbeats written by the Confluent wire-format
 * serde (native decoding) from every member's status topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClusterRegistryIT {

  @Test
  void learnsMemberClustersFromTheHeartbeatsOnTheirStatusTopics(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    broker.createCompactedTopic(topics.status("member1"), 1);
    broker.createCompactedTopic(topics.status("member2"), 1);

    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      Heartbeats.send(broker, registry.url(), topics, "member1");
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(PlacementServiceApplication.class)
              .run(
                  "--server.port=0",
                  "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                  "--kafleet.schema-registry.url=" + registry.url(),
                  "--kafleet.topic-prefix=" + testTopics.prefix())) {
        String clusters =
            "http://127.0.0.1:"
                + app.getEnvironment().getProperty("local.server.port")
                + "/api/v1/clusters";
        ServiceHttp.awaitBodyContaining(clusters, "\"name\":\"member1\"");

        Heartbeats.send(broker, registry.url(), topics, "member2");
        String body = ServiceHttp.awaitBodyContaining(clusters, "\"name\":\"member2\"");
        assertThat(body).contains("\"kubernetesVersion\":\"v1.34.1\"");
      }
    }
  }
}
