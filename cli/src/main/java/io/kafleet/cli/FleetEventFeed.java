package io.kafleet.cli;

import io.kafleet.events.FleetEvent;
import io.kafleet.kafka.KafkaClientSettings;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.SchemaRegistryClient;
import io.kafleet.serde.SchemaRegistryException;
import io.kafleet.serde.WireFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The fleet event topics read as any outside consumer would, without a consumer group: every
 * partition assigned, the values decoded through the schema registry. A record that is not a
 * readable FleetEvent is skipped with a warning; an unreachable broker or registry is an error.
 */
final class FleetEventFeed implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration RECHECK_MISSING = Duration.ofSeconds(5);
  private static final Duration STALLED = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafleetAvroDeserializer<SpecificRecord> deserializer;
  private final String bootstrapServers;
  private final String registryUrl;
  private final Duration timeout;
  private final Consumer<String> warnings;
  private final List<String> missing = new ArrayList<>();
  private final List<TopicPartition> assigned = new ArrayList<>();

  /**
   * @param kafkaProperties extra Kafka client properties (security), under the feed's own
   * @param timeout how long the broker may take to answer before it counts as unreachable
   * @param warnings where skipped records are reported
   */
  FleetEventFeed(
      String bootstrapServers,
      String registryUrl,
      Map<String, String> kafkaProperties,
      Duration timeout,
      Consumer<String> warnings) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.timeout = timeout;
    this.warnings = warnings;
    Map<String, Object> config =
        KafkaClientSettings.of(bootstrapServers, kafkaProperties)
            .withClientId("kafleet-cli-events")
            .consumer(IsolationLevel.READ_COMMITTED);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    // An unreachable broker is to be told within the timeout, not after the client's backoffs.
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeout.toMillis());
    config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeout.toMillis());
    config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
    config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500L);
    try {
      this.consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      throw new CliException(
          "cannot use Kafka bootstrap servers '" + bootstrapServers + "': " + rootMessage(e));
    }
    this.deserializer =
        new KafleetAvroDeserializer<>(new SchemaRegistryClient(registryUrl, null, timeout));
  }

  /** Assigns every partition of the topics, at their beginning or at their end. */
  void assign(List<String> topics, boolean fromBeginning) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<TopicPartition> found = partitionsOf(topic);
      if (found.isEmpty()) {
        missing.add(topic);
      }
      partitions.addAll(found);
    }
    assigned.addAll(partitions);
    consumer.assign(assigned);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
  }

  /** The events from the assigned positions to the ends the topics have now, oldest first. */
  List<FleetEvent> readToEnd() {
    List<FleetEvent> events = new ArrayList<>();
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
    List<TopicPartition> pending = new ArrayList<>(assigned);
    pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
    long stalledSince = System.nanoTime();
    while (!pending.isEmpty()) {
      var records = consumer.poll(POLL);
      for (ConsumerRecord<byte[], byte[]> record : records) {
        decode(record, events::add);
      }
      pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      if (!records.isEmpty()) {
        stalledSince = System.nanoTime();
      } else if (System.nanoTime() - stalledSince > STALLED.toNanos()) {
        throw new CliException(
            "Kafka at " + bootstrapServers + " stopped answering while reading " + pending);
      }
    }
    events.sort(Comparator.comparing(FleetEvent::getOccurredAt));
    return events;
  }

  /**
   * Hands every new event to {@code onEvent} until the thread is interrupted; a topic that did not
   * exist at first is picked up from its beginning once it does.
   */
  void follow(Consumer<FleetEvent> onEvent) {
    long recheckAt = System.nanoTime() + RECHECK_MISSING.toNanos();
    while (!Thread.currentThread().isInterrupted()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        decode(record, onEvent);
      }
      if (!missing.isEmpty() && System.nanoTime() - recheckAt > 0) {
        List<String> topics = List.copyOf(missing);
        missing.clear();
        assign(topics, true);
        recheckAt = System.nanoTime() + RECHECK_MISSING.toNanos();
      }
    }
  }

  private List<TopicPartition> partitionsOf(String topic) {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, timeout);
    } catch (TimeoutException e) {
      throw new CliException(
          "cannot reach Kafka at "
              + bootstrapServers
              + ": no answer within "
              + Durations.format(timeout)
              + " (set --bootstrap-servers or KAFLEET_BOOTSTRAP_SERVERS)");
    } catch (KafkaException e) {
      throw new CliException(
          "cannot read topic " + topic + " at " + bootstrapServers + ": " + rootMessage(e));
    }
    return partitions == null
        ? List.of()
        : partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private void decode(ConsumerRecord<byte[], byte[]> record, Consumer<FleetEvent> onEvent) {
    if (record.value() == null) {
      return;
    }
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    SpecificRecord value;
    try {
      value = deserializer.deserialize(record.topic(), record.value());
    } catch (WireFormatException e) {
      warnings.accept("skipped " + where + ": " + e.getMessage());
      return;
    } catch (SchemaRegistryException e) {
      throw new CliException(
          "cannot decode "
              + where
              + " with the schema registry at "
              + registryUrl
              + ": "
              + e.getMessage()
              + " (set --schema-registry or KAFLEET_SCHEMA_REGISTRY_URL)");
    }
    if (value instanceof FleetEvent event) {
      onEvent.accept(event);
    } else {
      warnings.accept(
          "skipped " + where + ": a " + value.getSchema().getFullName() + ", not a FleetEvent");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @Override
  public void close() {
    deserializer.close();
    consumer.close();
  }
}
