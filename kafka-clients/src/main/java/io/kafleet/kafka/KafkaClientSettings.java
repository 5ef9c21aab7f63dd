package io.kafleet.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * Builds the configuration of every Kafka client kafleet makes: the operator's extra client
 * properties first (security.protocol, sasl.mechanism, sasl.jaas.config, ...), then where Kafka is,
 * then what kafleet needs of that kind of client, each layer over the one before. Every method
 * returns a new mutable map, so that a caller can add what only it needs (a group, a linger, a
 * timeout) before it creates the client.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties the extra client properties, under kafleet's own settings
 * @param clientId the {@code client.id} of every client built from these settings, if any
 * @param serde how producers and consumers encode keys and values
 */
public record KafkaClientSettings(
    String bootstrapServers,
    Map<String, ?> properties,
    Optional<String> clientId,
    ClientSerde serde) {

  public KafkaClientSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers");
    properties = Map.copyOf(properties);
  }

  /** Settings with no client id and no serde; add them with the {@code with} methods. */
  public static KafkaClientSettings of(String bootstrapServers, Map<String, ?> properties) {
    return new KafkaClientSettings(
        bootstrapServers, properties, Optional.empty(), ClientSerde.none());
  }

  public KafkaClientSettings withClientId(String id) {
    return new KafkaClientSettings(bootstrapServers, properties, Optional.of(id), serde);
  }

  public KafkaClientSettings withSerde(ClientSerde newSerde) {
    return new KafkaClientSettings(bootstrapServers, properties, clientId, newSerde);
  }

  /** The extra properties, the bootstrap servers and the client id: what every client needs. */
  public Map<String, Object> admin() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    clientId.ifPresent(id -> config.put(CommonClientConfigs.CLIENT_ID_CONFIG, id));
    return config;
  }

  /**
   * {@link #admin()} with the serde's own settings (the registry URL), for either kind of client.
   */
  public Map<String, Object> withSerdeSettings() {
    Map<String, Object> config = admin();
    config.putAll(serde.settings());
    return config;
  }

  /**
   * Idempotent, acknowledged by every in-sync replica, sent at once: a record is written once and
   * is durable when the send completes.
   */
  public Map<String, Object> producer() {
    Map<String, Object> config = admin();
    config.putAll(serde.producer());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return config;
  }

  /** {@link #producer()} whose records are written in transactions, all or none. */
  public Map<String, Object> transactionalProducer(String transactionalId) {
    Map<String, Object> config = producer();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return config;
  }

  /**
   * A consumer whose partitions the caller assigns: no group (one in the extra properties is
   * dropped), nothing committed.
   *
   * @param isolation {@link IsolationLevel#READ_COMMITTED} to skip aborted transactions' records
   */
  public Map<String, Object> consumer(IsolationLevel isolation) {
    Map<String, Object> config = admin();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.putAll(serde.consumer());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    return config;
  }

  /**
   * A member of the consumer group {@code groupId}, from the earliest offset when the group has
   * none; it commits by hand.
   */
  public Map<String, Object> groupConsumer(String groupId, IsolationLevel isolation) {
    Map<String, Object> config = consumer(isolation);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  /** Never prints the properties' values: they may hold a password. */
  @Override
  public String toString() {
    return "KafkaClientSettings[bootstrapServers="
        + bootstrapServers
        + ", properties="
        + properties.keySet()
        + ", clientId="
        + clientId.orElse("")
        + "]";
  }
}
