package io.kafleet.traffic.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How far traffic-service has read each partition it follows: set by the read to the end at
 * start-up, moved on by the bindings. A binding's consumer resumes from here whenever it is given a
 * partition (see {@link FleetBindings#resumeWhereRead}), so that no record is taken twice or out of
 * order: a compacted topic's older versions replayed after newer ones would set the fleet view
 * back.
 */
final class ReadPositions {

  private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

  /** The offset to read next in {@code partition}, if anything of it was read. */
  Optional<Long> of(TopicPartition partition) {
    return Optional.ofNullable(next.get(partition));
  }

  /** Everything before {@code nextOffset} in {@code partition} is taken. */
  void readUpTo(TopicPartition partition, long nextOffset) {
    next.merge(partition, nextOffset, Math::max);
  }

  void read(FleetRecord record) {
    readUpTo(record.topicPartition(), record.offset() + 1);
  }
}
