package io.kafleet.kafka.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
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

  /**
   * The offset after the last record written to the partition, committed or not. A read_committed
   * consumer's own end offset is the last stable offset, which can still stand before a transaction
   * whose commit has returned to its producer, because the broker writes the commit markers after
   * answering. Reading until this offset waits for them.
   */
  default long logEnd(TopicPartition partition) {
    try (Admin admin = admin()) {
      return admin
          .listOffsets(
              Map.of(partition, OffsetSpec.latest()),
              new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .partitionResult(partition)
          .get(30, TimeUnit.SECONDS)
          .offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the end of " + partition + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the end of " + partition, e);
    }
  }

  default void createCompactedTopic(String name, int partitions) {
    createTopic(
        name,
        partitions,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }
}
