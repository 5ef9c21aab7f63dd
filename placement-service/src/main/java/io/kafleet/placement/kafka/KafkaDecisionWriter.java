package io.kafleet.placement.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.placement.core.DecisionWriter;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.metrics.PlacementMetrics;
import io.kafleet.schemas.ControlPlaneClients;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes each decision of the fleet in one Kafka transaction: the stored templates and policies,
 * the admissions, the scheduling decisions, the works they cause in every cluster's execution
 * space, the rollouts a stored Flagger Canary asks for, and the fleet events (transitions, template
 * statuses), all or none.
 *
 * <p>A plain transactional producer and not a Spring Cloud Stream binding: one decision spans many
 * topics (templates, policies, clusters, an execution space per cluster, events), written together
 * with a transactional id that fences a former leader; a binding writes one destination per message
 * and its transactions follow the consumer side, not the decisions of an HTTP request.
 *
 * <p>The fewest round trips: records are sent without waiting, and the commit is the only flush.
 * Topics are created only the first time this writer writes to them (a cluster's first work), never
 * checked again.
 */
final class KafkaDecisionWriter implements DecisionWriter, AutoCloseable {

  static final String SOURCE = "placement-service";
  private static final Logger log = LoggerFactory.getLogger(KafkaDecisionWriter.class);

  private final KafkaSettings settings;
  private final KafkaProducer<String, Object> producer;
  private final Clock clock;
  private final PlacementMetrics metrics;
  private final KafkaClientMetrics producerMetrics;
  private final Set<String> knownTopics = new HashSet<>();

  private KafkaDecisionWriter(
      KafkaSettings settings,
      KafkaProducer<String, Object> producer,
      Clock clock,
      PlacementMetrics metrics,
      KafkaClientMetrics producerMetrics) {
    this.settings = settings;
    this.producer = producer;
    this.clock = clock;
    this.metrics = metrics;
    this.producerMetrics = producerMetrics;
  }

  /**
   * Creates the topics the control plane owns if missing, and a transactional producer that fences
   * any former leader's.
   *
   * @param existing topics known to exist (the execution spaces found at start-up)
   */
  static KafkaDecisionWriter open(
      KafkaSettings settings, Clock clock, Collection<String> existing, PlacementMetrics metrics) {
    List<String> owned =
        List.of(
            settings.topics().templates(),
            settings.topics().policies(),
            settings.topics().clusters(),
            settings.topics().schedules(),
            settings.topics().placementEvents());
    FleetTopics.create(settings, owned);
    KafkaProducer<String, Object> producer =
        new KafkaProducer<>(
            settings.producer(ControlPlaneClients.placementTransactionalId(settings.topics())));
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    KafkaDecisionWriter writer =
        new KafkaDecisionWriter(
            settings, producer, clock, metrics, metrics.bind(producer, "decisions"));
    writer.knownTopics.addAll(owned);
    writer.knownTopics.addAll(existing);
    return writer;
  }

  @Override
  public void write(List<Intent> intents) {
    if (intents.isEmpty()) {
      return;
    }
    List<ProducerRecord<String, Object>> records = new ArrayList<>(intents.size());
    for (Intent intent : intents) {
      records.add(record(intent));
    }
    ensureTopics(records.stream().map(ProducerRecord::topic).distinct().toList());
    try {
      producer.beginTransaction();
      for (ProducerRecord<String, Object> record : records) {
        producer.send(record);
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw new IllegalStateException(
          "writing " + records.size() + " records failed; none was written", e);
    }
    metrics.decisionWritten(intents);
    logWorks(intents);
  }

  /** One line per work written, at debug: a fan-out writes thousands. */
  @SuppressWarnings("try") // the MDC entries are the try's purpose: set for the lines inside
  private static void logWorks(List<Intent> intents) {
    if (!log.isDebugEnabled()) {
      return;
    }
    for (Intent intent : intents) {
      if (intent instanceof Intent.PutWork put) {
        try (var cluster = MDC.putCloseable("cluster", put.work().cluster());
            var object = MDC.putCloseable("object", put.work().key().toString());
            var generation = MDC.putCloseable("generation", String.valueOf(put.generation()))) {
          log.debug("work written");
        }
      } else if (intent instanceof Intent.RemoveWork remove) {
        try (var cluster = MDC.putCloseable("cluster", remove.id().cluster());
            var object = MDC.putCloseable("object", remove.id().key().toString())) {
          log.debug("work removed");
        }
      }
    }
  }

  private ProducerRecord<String, Object> record(Intent intent) {
    if (intent instanceof Intent.Store store) {
      return new ProducerRecord<>(
          storedTopic(store.template()), store.key().toString(), store.stored());
    }
    if (intent instanceof Intent.Forget forget) {
      return new ProducerRecord<>(storedTopic(forget.template()), forget.key().toString(), null);
    }
    if (intent instanceof Intent.PutWork put) {
      return new ProducerRecord<>(
          settings.topics().executionSpace(put.work().cluster()),
          put.work().key().toString(),
          put.work().toEvent(put.generation(), clock.instant()));
    }
    if (intent instanceof Intent.RemoveWork remove) {
      return new ProducerRecord<>(
          settings.topics().executionSpace(remove.id().cluster()),
          remove.id().key().toString(),
          null);
    }
    if (intent instanceof Intent.PutSchedule put) {
      return new ProducerRecord<>(
          settings.topics().schedules(), put.template().toString(), ScheduleRecords.toEvent(put));
    }
    if (intent instanceof Intent.ForgetSchedule forget) {
      return new ProducerRecord<>(
          settings.topics().schedules(), forget.template().toString(), null);
    }
    if (intent instanceof Intent.Admit admit) {
      return new ProducerRecord<>(
          settings.topics().clusters(),
          admit.cluster(),
          admit.admission().toEvent(admit.cluster()));
    }
    if (intent instanceof Intent.RequestRollout rollout) {
      return new ProducerRecord<>(
          settings.topics().rolloutRequests(),
          rollout.request().getCorrelationId(),
          rollout.request());
    }
    Intent.Publish publish = (Intent.Publish) intent;
    return new ProducerRecord<>(
        settings.topics().placementEvents(),
        publish.key(),
        new FleetEvent(
            UUID.randomUUID().toString(), null, SOURCE, clock.instant(), publish.payload()));
  }

  private String storedTopic(boolean template) {
    return template ? settings.topics().templates() : settings.topics().policies();
  }

  @Override
  public void close() {
    producerMetrics.close();
    producer.close(Duration.ofSeconds(5));
  }

  private void ensureTopics(List<String> topics) {
    List<String> missing = topics.stream().filter(knownTopics::add).toList();
    try {
      FleetTopics.create(settings, missing);
    } catch (RuntimeException e) {
      missing.forEach(knownTopics::remove);
      throw e;
    }
  }
}
