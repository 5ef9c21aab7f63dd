package io.kafleet.agent;

import io.kafleet.events.StatusEvent;
import io.kafleet.kafka.ClientSerde;
import io.kafleet.kafka.KafkaClientSettings;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.PoisonTolerantDeserializer;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/** The agent's Kafka clients, configured from its settings. */
public final class KafkaClients {

  private KafkaClients() {}

  /**
   * Reads works committed by placement-service's transactions; commits only by hand. A static
   * member of its group (see {@link #staticMember}). A poison value reads as an {@link
   * io.kafleet.serde.Unreadable}, for the work loop to skip and report.
   */
  public static KafkaConsumer<String, Object> workConsumer(AgentSettings settings) {
    return new KafkaConsumer<>(
        staticMember(
            clients(settings)
                .groupConsumer(settings.consumerGroup(), IsolationLevel.READ_COMMITTED),
            settings.executionSpaceTopic()));
  }

  /**
   * Makes the consumer a static member of its group, named after the group and the topic it reads
   * (one agent per cluster, so one member per group). An agent restarted after a crash or a SIGKILL
   * then takes its partitions back at once, instead of waiting for the session of its dead
   * predecessor to time out. The topic is part of the name because group names carry no topic
   * prefix: a member that came back reading other topics under the same group must not be taken for
   * the old one and handed the old one's partitions.
   */
  public static Map<String, Object> staticMember(Map<String, Object> groupConsumer, String topic) {
    Object group = groupConsumer.get(ConsumerConfig.GROUP_ID_CONFIG);
    if (group == null) {
      throw new IllegalArgumentException("a static member needs a group.id");
    }
    groupConsumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group + "_" + topic);
    return groupConsumer;
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
