package io.kafleet.placement.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics placement-service writes, with one partition each. */
final class FleetTopics {

  private static final long TIMEOUT_SECONDS = 30;

  private FleetTopics() {}

  /** Creates those missing: compacted, except the event streams, logs that age out. */
  static void create(KafkaSettings settings, List<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    List<NewTopic> wanted =
        topics.stream()
            .map(
                name ->
                    new NewTopic(name, Optional.of(1), settings.replicationFactor())
                        .configs(
                            Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                name.equals(settings.topics().placementEvents())
                                        || name.equals(settings.topics().trafficShifts())
                                    ? TopicConfig.CLEANUP_POLICY_DELETE
                                    : TopicConfig.CLEANUP_POLICY_COMPACT)))
            .toList();
    try (Admin admin = Admin.create(settings.admin())) {
      for (var result : admin.createTopics(wanted).values().entrySet()) {
        try {
          result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + result.getKey(), e);
          }
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topics " + topics + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics " + topics, e);
    }
  }
}
