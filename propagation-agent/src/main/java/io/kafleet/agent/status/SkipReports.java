package io.kafleet.agent.status;

import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.serde.PoisonRecords;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How the agent reports a record of its own topics it could not read: a {@code RecordSkipped} on
 * its status topic (the one topic it may write), which placement-service passes on as a fleet
 * event. Keyed per skipped partition, so compaction keeps the latest.
 */
public final class SkipReports {

  private SkipReports() {}

  /** Who the agent of the cluster is, as its skip reports name it. */
  public static String consumer(String cluster) {
    return "propagation-agent/" + cluster;
  }

  public static ProducerRecord<String, StatusEvent> record(
      String statusTopic, String cluster, RecordSkipped skipped) {
    return new ProducerRecord<>(
        statusTopic, PoisonRecords.key(skipped), new StatusEvent(cluster, skipped));
  }
}
