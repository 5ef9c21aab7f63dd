package io.kafleet.kafka.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Testcontainers' Kafka ({@value #IMAGE}, KRaft, plaintext), for tests that run where a Docker
 * engine exists. Only loaded when {@link BrokerChoice} picked it, so that Testcontainers may be
 * absent from a test classpath.
 */
public final class ContainerKafkaBroker implements KafkaBroker, AutoCloseable {

  /** The same Kafka release as the embedded broker's jars. */
  public static final String IMAGE = "apache/kafka:4.1.2";

  private static final String CONTAINER_CLASS = "org.testcontainers.kafka.KafkaContainer";

  private final KafkaContainer container;

  private ContainerKafkaBroker(KafkaContainer container) {
    this.container = container;
  }

  /** Starts the container and returns once Kafka answers in it. */
  public static ContainerKafkaBroker start() {
    KafkaContainer container =
        new KafkaContainer(IMAGE)
            // As the embedded broker: a mistyped topic name must fail, not appear.
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
    container.start();
    return new ContainerKafkaBroker(container);
  }

  static boolean testcontainersPresent() {
    try {
      Class.forName(CONTAINER_CLASS, false, ContainerKafkaBroker.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return config;
  }

  @Override
  public Map<String, Object> adminClientProperties() {
    return clientConfig();
  }

  @Override
  public void close() {
    container.stop();
  }
}
