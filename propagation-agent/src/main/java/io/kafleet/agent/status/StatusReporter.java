package io.kafleet.agent.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafleet.agent.apply.Outcome;
import io.kafleet.events.Health;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes a {@link WorkStatus} per outcome on the cluster's status topic, keyed by object key.
 * {@link #awaitSent} returns once the broker has every report sent so far, which is when the
 * records they answer may be committed.
 */
public final class StatusReporter {

  private final Producer<String, StatusEvent> producer;
  private final String topic;
  private final String cluster;
  private final KubernetesSerialization serialization;
  private final Clock clock;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  public StatusReporter(
      Producer<String, StatusEvent> producer,
      String topic,
      String cluster,
      KubernetesSerialization serialization,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.cluster = cluster;
    this.serialization = serialization;
    this.clock = clock;
  }

  /**
   * Reports the outcome for the work (null when there is none, after a deletion). The work's hash
   * and generation say which work the report is about, whatever its phase.
   */
  public Live report(String key, Work work, Outcome outcome) {
    Live live = live(key, outcome);
    WorkStatus status =
        WorkStatus.newBuilder()
            .setCluster(cluster)
            .setObjectKey(key)
            .setAppliedHash(work == null ? null : work.getContentHash())
            .setAppliedGeneration(work == null ? null : work.getTemplateGeneration())
            .setPhase(outcome.phase())
            .setHealth(live.health())
            .setMessage(outcome.message())
            .setLiveSummary(live.summary())
            .setObservedWeights(live.observedWeights())
            .setReportedAt(clock.instant())
            .build();
    synchronized (pending) {
      pending.add(
          producer.send(new ProducerRecord<>(topic, key, new StatusEvent(cluster, status))));
    }
    return live;
  }

  /** Reports a record of the execution space that could not be read, and was skipped. */
  public void reportSkipped(RecordSkipped skipped) {
    synchronized (pending) {
      pending.add(producer.send(SkipReports.record(topic, cluster, skipped)));
    }
  }

  /** Waits until every report so far is on the broker; throws if one could not be written. */
  public void awaitSent() throws InterruptedException {
    List<Future<RecordMetadata>> sent;
    synchronized (pending) {
      sent = List.copyOf(pending);
      pending.clear();
    }
    producer.flush();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a status report could not be written to " + topic, e);
      }
    }
  }

  /** The live status interpreted from the outcome's object. */
  public Live live(String key, Outcome outcome) {
    if (outcome.phase() != WorkPhase.Applied) {
      return Live.of(
          outcome.phase() == WorkPhase.Failed ? Health.Unhealthy : Health.Unknown, Map.of());
    }
    return LiveStatus.of(ObjectKey.parse(key), tree(outcome.live()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> tree(GenericKubernetesResource live) {
    return live == null ? null : serialization.convertValue(live, Map.class);
  }
}
