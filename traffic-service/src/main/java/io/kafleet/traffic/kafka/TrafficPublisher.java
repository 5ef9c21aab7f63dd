package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything traffic-service writes, for one term of leading: a plain transactional producer, not a
 * Spring Cloud Stream output binding, for two reasons. One decision may write several topics (a
 * rollout step's shift command and its {@code StepStarted} event; an API rollout's request and its
 * {@code Started} event), and a restart replays the topics exactly only if the decision is there
 * entirely or not at all. And the transactional id all instances share fences a former leader that
 * has not noticed it lost the lead: its next commit fails. A decision's writes are taken into the
 * books as they are sent and committed when the decision ends ({@link #commit}); when a commit
 * fails the term ends, and the next one rebuilds the books from what was committed.
 */
public final class TrafficPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrafficPublisher.class);

  /** The {@code source} of every fleet event traffic-service publishes. */
  static final String SOURCE = "traffic-service";

  private final Producer<String, Object> producer;
  private final Topics topics;
  private final Runnable onFailure;
  private final TrafficObserver observer;
  private final AutoCloseable observing;
  private final List<FleetEvent> sentEvents = new ArrayList<>();
  private boolean inTransaction;

  /**
   * @param producer a transactional producer, its transactions initialised
   * @param observer told of the producer now and of each committed decision's events
   */
  TrafficPublisher(
      Producer<String, Object> producer,
      Topics topics,
      Runnable onFailure,
      TrafficObserver observer) {
    this.producer = producer;
    this.topics = topics;
    this.onFailure = onFailure;
    this.observer = observer;
    this.observing = observer.producerOpened(producer);
  }

  /**
   * Opens the producer and fences every former holder of the transactional id: a transaction it
   * left open is aborted, and its writes fail from now on.
   *
   * @param onFailure what to do when a commit fails: give the lead away
   */
  static TrafficPublisher open(
      TrafficSettings settings, Runnable onFailure, TrafficObserver observer) {
    KafkaProducer<String, Object> producer =
        new KafkaProducer<>(
            settings.transactionalProducer(
                ControlPlaneClients.trafficTransactionalId(settings.topics())));
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    return new TrafficPublisher(producer, settings.topics(), onFailure, observer);
  }

  /** {@code kafleet.traffic.shifts}: the validated shift commands, keyed by VirtualService. */
  void shift(String virtualService, TrafficShiftRequested command) {
    send(topics.trafficShifts(), virtualService, command);
  }

  /** {@code kafleet.traffic.events}: shift progress and rollout progress, keyed by their id. */
  void event(String key, FleetEvent event) {
    send(topics.trafficEvents(), key, event);
    sentEvents.add(event);
  }

  /** {@code kafleet.rollout.requests}: rollouts asked through the API, keyed by their id. */
  void rolloutRequest(RolloutRequested request) {
    send(topics.rolloutRequests(), request.getCorrelationId(), request);
  }

  private void send(String topic, String key, Object value) {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /**
   * Commits what the decision sent, if anything.
   *
   * @throws NotLeaderException when Kafka refused (fenced, or unreachable for too long); the lead
   *     is given away then
   */
  void commit() {
    if (!inTransaction) {
      return;
    }
    inTransaction = false;
    List<FleetEvent> written = List.copyOf(sentEvents);
    sentEvents.clear();
    try {
      producer.commitTransaction();
    } catch (KafkaException e) {
      log.error("a decision could not be written; giving the lead away", e);
      onFailure.run();
      throw new NotLeaderException();
    }
    try {
      observer.committed(written);
    } catch (RuntimeException e) {
      // Metrics must never undo or fail a decision that Kafka has.
      log.warn("observing committed events failed", e);
    }
  }

  @Override
  public void close() {
    try {
      observing.close();
    } catch (Exception e) {
      log.warn("closing the producer's observation failed", e);
    }
    producer.close(Duration.ZERO);
  }
}
