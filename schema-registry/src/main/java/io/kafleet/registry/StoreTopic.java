package io.kafleet.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the store topic when missing, and refuses one that cannot hold the registry. */
final class StoreTopic {

  private static final Logger log = LoggerFactory.getLogger(StoreTopic.class);
  private static final long RETRY_PAUSE_MS = 50;

  private final Admin admin;
  private final String topic;
  private final long deadlineNanos;

  private StoreTopic(Admin admin, String topic, long timeoutMs) {
    this.admin = admin;
    this.topic = topic;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  static void ensure(RegistrySettings settings) {
    try (Admin admin = Admin.create(KafkaClientConfigs.admin(settings))) {
      StoreTopic store = new StoreTopic(admin, settings.topic(), settings.timeout().toMillis());
      if (!store.create(settings.replicationFactor())) {
        store.checkExisting();
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot create or describe the schema store topic " + settings.topic() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing topic " + settings.topic(), e);
    }
  }

  /** Returns false when the topic exists already, perhaps created by another instance. */
  private boolean create(short replicationFactor)
      throws ExecutionException, TimeoutException, InterruptedException {
    NewTopic newTopic =
        new NewTopic(topic, 1, replicationFactor)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(newTopic)).all().get(remainingMs(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }

  private void checkExisting() throws ExecutionException, TimeoutException, InterruptedException {
    TopicDescription description =
        awaitKnown(() -> admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    // The log orders every change; several partitions would have no single order.
    if (description.partitions().size() != 1) {
      throw new IllegalStateException(
          "Schema store topic "
              + topic
              + " has "
              + description.partitions().size()
              + " partitions; the registry needs exactly 1");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = awaitKnown(() -> admin.describeConfigs(List.of(resource)).all()).get(resource);
    String policy =
        config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
            ? ""
            : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    // A topic someone else created with time retention would lose schemas still in use.
    if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)
        || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
      log.warn(
          "Schema store topic {} has cleanup.policy={}; it should be compact only, or schemas will"
              + " be lost when their records expire",
          topic,
          policy);
    }
  }

  /** A topic that was just created may be unknown for a moment to the broker that answers. */
  private <T> T awaitKnown(Supplier<KafkaFuture<T>> call)
      throws ExecutionException, TimeoutException, InterruptedException {
    while (true) {
      try {
        return call.get().get(remainingMs(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || remainingMs() <= 0) {
          throw e;
        }
        Thread.sleep(RETRY_PAUSE_MS);
      }
    }
  }

  private long remainingMs() {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }
}
