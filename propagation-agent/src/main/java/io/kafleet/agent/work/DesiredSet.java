package io.kafleet.agent.work;

import io.kafleet.events.Work;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The latest record per key of an execution-space topic, as compaction would leave it: a later
 * record replaces an earlier one, a tombstone (null) removes the key. Keeps, for removed keys, the
 * last work seen, whose preserveOnDeletion decides how the object goes.
 */
public final class DesiredSet {

  private final Map<String, Work> works = new LinkedHashMap<>();
  private final Map<String, Work> removed = new HashMap<>();

  public void add(List<ConsumerRecord<String, Work>> records) {
    for (ConsumerRecord<String, Work> record : records) {
      add(record.key(), record.value());
    }
  }

  public void add(String key, Work work) {
    if (work == null) {
      Work last = works.remove(key);
      if (last != null) {
        removed.put(key, last);
      }
    } else {
      works.put(key, work);
      removed.remove(key);
    }
  }

  public Map<String, Work> works() {
    return Map.copyOf(works);
  }

  /** The last work of a key whose latest record is a tombstone, if one was read. */
  public Work lastBeforeRemoval(String key) {
    return removed.get(key);
  }

  /**
   * For each key whose latest record in the batch is a tombstone, the last work the batch had for
   * it before: a work sent just before its tombstone (a leave that keeps the objects sends each
   * with preserveOnDeletion first) decides how the object goes, though it is never applied.
   */
  public static Map<String, Work> lastBeforeTombstones(
      Iterable<ConsumerRecord<String, Work>> records) {
    Map<String, Work> lastWork = new HashMap<>();
    Map<String, Work> beforeTombstone = new HashMap<>();
    for (ConsumerRecord<String, Work> record : records) {
      if (record.value() != null) {
        lastWork.put(record.key(), record.value());
        beforeTombstone.remove(record.key());
      } else {
        Work last = lastWork.remove(record.key());
        if (last != null) {
          beforeTombstone.put(record.key(), last);
        }
      }
    }
    return beforeTombstone;
  }

  /**
   * The latest record per key of one batch, in first-seen order; null values are tombstones. Only
   * the latest matters: applying an intermediate version would be undone at once.
   */
  public static Map<String, Work> latestPerKey(Iterable<ConsumerRecord<String, Work>> records) {
    Map<String, Work> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, Work> record : records) {
      latest.remove(record.key());
      latest.put(record.key(), record.value());
    }
    return latest;
  }
}
