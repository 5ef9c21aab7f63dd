package io.kafleet.traffic.kafka;

import io.kafleet.schemas.KafkaTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the topics traffic-service writes. */
final class TrafficTopics {

  private TrafficTopics() {}

  /** The shifts and events topics: one partition each, logs that age out (as the schemas say). */
  static void create(TrafficSettings settings) {
    List<String> topics =
        List.of(
            settings.topics().trafficShifts(),
            settings.topics().trafficEvents(),
            settings.topics().rolloutRequests());
    List<NewTopic> wanted =
        topics.stream()
            .map(
                name ->
                    new NewTopic(name, Optional.of(1), settings.replicationFactor())
                        .configs(
                            Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE)))
            .toList();
    KafkaTopics.createMissing(settings.admin(), wanted);
  }
}
