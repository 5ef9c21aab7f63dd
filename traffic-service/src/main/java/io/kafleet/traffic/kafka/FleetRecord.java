package io.kafleet.traffic.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * One record of a topic traffic-service follows, where it was read; {@code value} is null for a
 * tombstone.
 */
record FleetRecord(String topic, int partition, long offset, String key, Object value) {

  TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }
}
