package io.kafleet.agent;

import io.kafleet.events.StatusEvent;
import io.kafleet.kafka.ClientSerde;
import io.kafleet.kafka.KafkaClientSettings;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.PoisonTolerantDeserializer;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/** The agent's Kafka clients, configured from its settings. */
public final class KafkaClients {

  private KafkaClients() {}

  /**
   * Reads works committed by placement-service's transactions; commits only by hand. A poison value
   * reads as an {@link io.kafleet.serde.Unreadable}, for the work loop to skip and report.
   */
  public static KafkaConsumer<String, Object> workConsumer(AgentSettings settings) {
    return new KafkaConsumer<>(
        clients(settings).groupConsumer(settings.consumerGroup(), IsolationLevel.READ_COMMITTED));
  }

  public static KafkaProducer<String, StatusEvent> statusProducer(AgentSettings settings) {
    Map<String, Object> config = clients(settings).producer();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(config);
  }

  /** Where Kafka and the registry are, with the operator's client properties (security...). */
  public static Map<String, Object> common(AgentSettings settings) {
    return clients(settings).withSerdeSettings();
  }

  private static KafkaClientSettings clients(AgentSettings settings) {
    return KafkaClientSettings.of(settings.bootstrapServers(), settings.kafkaProperties())
        .withClientId("kafleet-agent-" + settings.cluster())
        .withSerde(
            ClientSerde.registry(
                settings.schemaRegistryUrl(),
                KafleetAvroSerializer.class,
                PoisonTolerantDeserializer.class));
  }
}
