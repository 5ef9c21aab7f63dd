package io.kafleet.kafka.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A running Kafka broker that tests reach as clients: the embedded one ({@link
 * EmbeddedKafkaBroker}) or Testcontainers' ({@link ContainerKafkaBroker}). A test that only needs a
 * broker asks for this type and {@link KafkaBrokerExtension} picks one (see {@link BrokerChoice});
 * a test that stops or kills the broker asks for {@link EmbeddedKafkaBroker}.
 */
public interface KafkaBroker {

  String bootstrapServers();

  /** Client settings that reach this broker; add serializers and the like. */
  Map<String, Object> clientConfig();

  /** Client settings with every right on this broker. */
  Map<String, Object> adminClientProperties();

  /** An admin client with every right (see {@link #adminClientProperties()}). */
  default Admin admin() {
    return Admin.create(adminClientProperties());
  }

  default void createTopic(String name, int partitions, Map<String, String> configs) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    }
  }

  default void createCompactedTopic(String name, int partitions) {
    createTopic(
        name,
        partitions,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }
}
