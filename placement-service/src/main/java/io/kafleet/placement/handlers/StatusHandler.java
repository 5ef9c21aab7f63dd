package io.kafleet.placement.handlers;

import io.kafleet.placement.core.SingleWriter;
import io.kafleet.placement.status.TemplateStatus;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Status aggregation: folds what the agents report into each template's status, and publishes the
 * statuses that changed, a batch at a time. Publishing at every report cost a Kafka transaction per
 * report: a restarted instance catching up with 100,000 reports, or a fan-out of as many works,
 * waited on them one by one. Statuses a decision on works changes are published with that decision.
 */
public final class StatusHandler {

  /** How often the statuses of the templates agents reported on are published. */
  public static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

  private final SingleWriter writer;
  private final Set<ObjectKey> reportedSince = new HashSet<>();

  public StatusHandler(SingleWriter writer) {
    this.writer = writer;
  }

  /** Agents reported on these works: their templates' statuses go with the next publish. */
  public void reportedOn(Collection<ObjectKey> works) {
    List<ObjectKey> templates =
        writer.read(model -> works.stream().map(model::templateOf).distinct().toList());
    synchronized (reportedSince) {
      reportedSince.addAll(templates);
    }
  }

  /**
   * Publishes, in one transaction, the changed statuses of the templates reported on since the last
   * call (the leader calls it every {@link #PUBLISH_INTERVAL}).
   */
  public void publishReported() {
    Set<ObjectKey> keys;
    synchronized (reportedSince) {
      if (reportedSince.isEmpty()) {
        return;
      }
      keys = new HashSet<>(reportedSince);
      reportedSince.clear();
    }
    try {
      writer.decide(model -> model.statusesOf(keys));
    } catch (RuntimeException e) {
      synchronized (reportedSince) {
        reportedSince.addAll(keys); // published with the next call
      }
      throw e;
    }
  }

  /** The template's status across its clusters; empty when no such template is stored. */
  public Optional<TemplateStatus> status(ObjectKey key) {
    return writer.read(model -> model.status(key));
  }
}
