package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.DestinationWeight;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.FleetEventJson;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's tail of the fleet events ({@code GET /api/v1/events} and {@code
 * /api/v1/events/stream}), with API security on: both event topics, written in transactions as
 * placement-service and traffic-service write them, are read committed-only, oldest first, past a
 * poison record; a viewer's open stream receives each new event as a server-sent event, outlives
 * the MVC request timeout with its keep-alive comments, and ends cleanly when the service stops.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FleetEventsIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
  private static final ObjectRef PODINFO =
      new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo");
  private static final byte[] GARBAGE = {1, 2, 3, 4, 5, 6};

  @Test
  void bothEventTopicsAreServedOldestFirstAndStreamedAsTheyAreCommitted(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    broker.createTopic(topics.placementEvents(), 1, Map.of());
    broker.createTopic(topics.trafficEvents(), 2, Map.of());
    FleetEvent joined =
        event("e1", T0, "placement-service", new ClusterStateChanged("member1", true, true, null));
    FleetEvent completed =
        event(
            "e2",
            T0.plusSeconds(1),
            "traffic-service",
            new ShiftCompleted("shift-1", PODINFO, true, Map.of("member1", ShiftState.Converged)));
    FleetEvent aborted = event("e-aborted", T0.plusSeconds(2), "traffic-service", progress());
    FleetEvent converged = event("e3", T0.plusSeconds(3), "traffic-service", progress());
    FleetEvent later = event("e4", T0.plusSeconds(4), "traffic-service", progress());
    try (var registry =
            SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers())
                    .withTopic(testTopics.name("_schemas")));
        var placement = new Transactions(broker, registry.url());
        var traffic = new Transactions(broker, registry.url())) {
      placement.commit(topics.placementEvents(), 0, joined);
      traffic.commit(topics.trafficEvents(), 1, completed);
      traffic.abort(topics.trafficEvents(), 0, aborted);
      sendRaw(broker, topics.trafficEvents(), 0, GARBAGE);
      traffic.commit(topics.trafficEvents(), 0, converged);

      AtomicReference<Throwable> streamEnd = new AtomicReference<>();
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread reader;
      try (PlacementApp app =
          PlacementApp.start(
              broker,
              registry.url(),
              testTopics.prefix(),
              "--kafleet.events.keep-alive=2s",
              // A stream has no timeout of its own: it outlives MVC's default for async requests.
              "--spring.mvc.async.request-timeout=1s")) {
        assertThat(get(app, "/api/v1/events", null).statusCode()).isEqualTo(401);
        assertThat(get(app, "/api/v1/events/stream", null).statusCode()).isEqualTo(401);
        String all =
            "["
                + FleetEventJson.json(joined)
                + ","
                + FleetEventJson.json(completed)
                + ","
                + FleetEventJson.json(converged)
                + "]";
        await("both topics' committed events, oldest first")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(get(app, "/api/v1/events", PlacementApp.VIEWER_TOKEN).body())
                        .isEqualTo(all));
        assertThat(all).startsWith("[{\"type\":\"ClusterStateChanged\",\"eventId\":\"e1\",");
        assertThat(get(app, "/api/v1/events?limit=1", PlacementApp.VIEWER_TOKEN).body())
            .isEqualTo("[" + FleetEventJson.json(converged) + "]");
        HttpResponse<String> badLimit =
            get(app, "/api/v1/events?limit=0", PlacementApp.VIEWER_TOKEN);
        assertThat(badLimit.statusCode()).as(badLimit.body()).isEqualTo(400);
        assertThat(badLimit.body())
            .contains("\"reason\":\"limit must be between 1 and 1000, not 0\"")
            .contains("\"field\":\"limit\"");

        HttpResponse<Stream<String>> stream =
            HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(app.url("/api/v1/events/stream")))
                        .header("Authorization", "Bearer " + PlacementApp.VIEWER_TOKEN)
                        .build(),
                    HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/event-stream");
        reader =
            new Thread(
                () -> {
                  try {
                    stream.body().forEach(lines::add);
                  } catch (RuntimeException e) {
                    streamEnd.set(e);
                  }
                },
                "events-stream-reader");
        reader.start();
        await("the recent events first, then a keep-alive comment past the request timeout")
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(lines)
                        .containsSubsequence(
                            "data: " + FleetEventJson.json(joined),
                            "data: " + FleetEventJson.json(completed),
                            "data: " + FleetEventJson.json(converged),
                            ": keep-alive"));

        sendRaw(broker, topics.trafficEvents(), 0, GARBAGE);
        long offset = traffic.commit(topics.trafficEvents(), 0, later);
        await("the new event, after the poison record")
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(lines)
                        .containsSequence(
                            "event: ShiftProgress",
                            "id: " + topics.trafficEvents() + ":0:" + offset,
                            "data: " + FleetEventJson.json(later),
                            ""));
        assertThat(get(app, "/api/v1/events", PlacementApp.VIEWER_TOKEN).body())
            .endsWith(FleetEventJson.json(converged) + "," + FleetEventJson.json(later) + "]")
            .doesNotContain("e-aborted");
        assertThat(lines).noneMatch(line -> line.contains("e-aborted"));
      }
      reader.join(WAIT.toMillis());
      assertThat(reader.isAlive()).as("the stream still open after the service stopped").isFalse();
      assertThat(streamEnd.get()).as("how the stream ended").isNull();
    }
  }

  private static HttpResponse<String> get(PlacementApp app, String path, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static FleetEvent event(String id, Instant at, String source, Object payload) {
    return new FleetEvent(id, "shift-1", source, at, payload);
  }

  private static ShiftProgress progress() {
    RouteWeights weights =
        new RouteWeights(
            null,
            0,
            List.of(
                new DestinationWeight("podinfo", "green", null, 80),
                new DestinationWeight("podinfo", "blue", null, 20)));
    return ShiftProgress.newBuilder()
        .setShiftId("shift-1")
        .setVirtualService(PODINFO)
        .setCluster("member1")
        .setState(ShiftState.Converged)
        .setRequested(weights)
        .setObserved(weights)
        .setGeneration(4L)
        .setRequestedAt(T0)
        .build();
  }

  private static void sendRaw(EmbeddedKafkaBroker broker, String topic, int partition, byte[] value)
      throws Exception {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (var producer = new KafkaProducer<String, byte[]>(config)) {
      producer.send(new ProducerRecord<>(topic, partition, "poison", value)).get();
    }
  }

  /** A transactional writer of fleet events, as the services write them. */
  private static final class Transactions implements AutoCloseable {

    private final KafkaProducer<String, FleetEvent> producer;

    Transactions(EmbeddedKafkaBroker broker, String registryUrl) {
      Map<String, Object> config = broker.clientConfig();
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
      config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fleet-events-it-" + UUID.randomUUID());
      producer = new KafkaProducer<>(config);
      producer.initTransactions();
    }

    /** Writes the event in a committed transaction; its offset. */
    long commit(String topic, int partition, FleetEvent event) throws Exception {
      producer.beginTransaction();
      var sent = producer.send(new ProducerRecord<>(topic, partition, event.getEventId(), event));
      producer.commitTransaction();
      return sent.get().offset();
    }

    /** Writes the event in a transaction that is then aborted. */
    void abort(String topic, int partition, FleetEvent event) {
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, partition, event.getEventId(), event));
      producer.flush();
      producer.abortTransaction();
    }

    @Override
    public void close() {
      producer.close();
    }
  }
}
