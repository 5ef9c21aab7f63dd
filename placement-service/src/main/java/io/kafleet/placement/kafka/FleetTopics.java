package io.kafleet.placement.kafka;

import io.kafleet.schemas.KafkaTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the topics placement-service writes, with one partition each. */
final class FleetTopics {

  private FleetTopics() {}

  /**
   * Creates those missing: compacted, except the event streams and the rollout requests (created as
   * traffic-service creates it, when a Canary asks for a rollout first), logs that age out.
   */
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
                                        || name.equals(settings.topics().rolloutRequests())
                                    ? TopicConfig.CLEANUP_POLICY_DELETE
                                    : TopicConfig.CLEANUP_POLICY_COMPACT)))
            .toList();
    KafkaTopics.createMissing(settings.admin(), wanted);
  }
}
