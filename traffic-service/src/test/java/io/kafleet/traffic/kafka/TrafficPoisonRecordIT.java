package io.kafleet.traffic.kafka;

import static io.kafleet.traffic.FleetStandIn.VS;
import static io.kafleet.traffic.PodinfoDocuments.BLUE;
import static io.kafleet.traffic.PodinfoDocuments.GREEN_80;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import io.kafleet.traffic.FleetStandIn;
import io.kafleet.traffic.PodinfoDocuments;
import io.kafleet.traffic.ServiceHttp;
import io.kafleet.traffic.TrafficApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Chaos scenario 6 for traffic-service: a poison record on each topic it consumes, read by the
 * start-up read (its own shifts and events topics, the rollout requests, the fleet's topics) and by
 * the bindings afterwards (templates, an execution space, a status topic, the rollout requests).
 * Each is skipped with a {@code RecordSkipped} event on {@code kafleet.traffic.events} naming its
 * topic, partition and offset, and the service keeps serving: a shift asked afterwards converges,
 * which takes a template, a work and a report read behind the poison.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TrafficPoisonRecordIT {

  private static final byte[] GARBAGE = {1, 2, 3, 4, 5, 6};
  private static final String SHIFT =
      """
      {"virtualService": {"namespace": "default", "name": "podinfo"},
       "route": {"index": 0}, "weights": {"green": 80, "blue": 20}, "requestedBy": "alice"}
      """;

  @Test
  void eachPoisonRecordIsSkippedWithAnEventAndShiftsStillConverge(
      KafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    try (var registry =
            SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers())
                    .withTopic(testTopics.name("_schemas")));
        var fleet = new FleetStandIn(broker, registry.url(), topics)) {
      fleet.createTopics(List.of("member1"));
      for (String own :
          List.of(topics.trafficShifts(), topics.trafficEvents(), topics.rolloutRequests())) {
        broker.createTopic(own, 1, Map.of());
      }
      List<String> expected = new ArrayList<>();
      // Read by the start-up read, before the podinfo records behind them.
      for (String topic :
          List.of(
              topics.templates(),
              topics.executionSpace("member1"),
              topics.status("member1"),
              topics.rolloutRequests(),
              topics.trafficShifts(),
              topics.trafficEvents())) {
        expected.add(topic + "@" + sendRaw(broker, topic, GARBAGE));
      }
      fleet.template(VS, 1, BLUE, "alice");
      fleet.template(
          "networking.istio.io/DestinationRule/default/podinfo", 1, PodinfoDocuments.RULE, "alice");
      fleet.template("core/Service/default/podinfo", 1, PodinfoDocuments.SERVICE, "alice");
      fleet.work("member1", 1, "hash-blue", BLUE);
      fleet.applied("member1", 1, "hash-blue", BLUE);

      try (TrafficApp app = TrafficApp.start(broker, registry.url(), testTopics.prefix())) {
        // Read by the bindings: garbage, and on the status topic a well-formed event of the
        // wrong type.
        for (String topic :
            List.of(
                topics.templates(), topics.executionSpace("member1"), topics.rolloutRequests())) {
          expected.add(topic + "@" + sendRaw(broker, topic, GARBAGE));
        }
        expected.add(
            topics.status("member1")
                + "@"
                + sendRaw(
                    broker,
                    topics.status("member1"),
                    avroOfAnotherType(broker, registry.url(), testTopics.name("elsewhere"))));

        HttpResponse<String> response = ServiceHttp.postJson(app.url("/api/v1/shifts"), SHIFT);
        assertThat(response.statusCode()).as("POST %s", response.body()).isEqualTo(202);
        String shiftId = ServiceHttp.json(response.body()).path("shiftId").asString();
        // As placement-service and the agent would: render the shift, apply it, report it.
        assertThat(fleet.<Object>readAll(topics.trafficShifts()))
            .anySatisfy(r -> assertThat(r.value()).isInstanceOf(TrafficShiftRequested.class));
        fleet.template(VS, 2, GREEN_80, "alice (shift " + shiftId + ")");
        fleet.work("member1", 2, "hash-green", GREEN_80);
        fleet.applied("member1", 2, "hash-green", GREEN_80);
        JsonNode shift =
            ServiceHttp.await(
                app.url("/api/v1/shifts/" + shiftId),
                "converged",
                s -> s.path("completed").asBoolean());
        assertThat(shift.path("converged").asBoolean()).as("shift %s", shift).isTrue();

        await("a RecordSkipped event for each poison record")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(skipped(fleet, topics))
                        .extracting(s -> s.getTopic() + "@" + s.getOffset())
                        .containsExactlyInAnyOrderElementsOf(expected));
        assertThat(skipped(fleet, topics))
            .allSatisfy(
                s -> {
                  assertThat(s.getConsumer()).isEqualTo("traffic-service");
                  assertThat(s.getPartition()).isZero();
                })
            .anySatisfy(
                s ->
                    assertThat(s.getReason())
                        .contains("io.kafleet.events.ObjectRef, not a StatusEvent"))
            .anySatisfy(s -> assertThat(s.getReason()).contains("the first byte is 1"));
      }
    }
  }

  private static List<RecordSkipped> skipped(FleetStandIn fleet, Topics topics) {
    return fleet.<Object>readAll(topics.trafficEvents()).stream()
        .map(r -> r.value())
        .filter(FleetEvent.class::isInstance)
        .map(value -> ((FleetEvent) value).getPayload())
        .filter(RecordSkipped.class::isInstance)
        .map(RecordSkipped.class::cast)
        .toList();
  }

  private static long sendRaw(KafkaBroker broker, String topic, byte[] value) throws Exception {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (var producer = new KafkaProducer<String, byte[]>(config)) {
      return producer.send(new ProducerRecord<>(topic, "poison", value)).get().offset();
    }
  }

  /** A well-formed kafleet Avro value, but a bare ObjectRef where a StatusEvent belongs. */
  private static byte[] avroOfAnotherType(KafkaBroker broker, String registryUrl, String topic) {
    try (var serializer = new KafleetAvroSerializer<>()) {
      serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
      return serializer.serialize(
          topic, new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo"));
    }
  }
}
