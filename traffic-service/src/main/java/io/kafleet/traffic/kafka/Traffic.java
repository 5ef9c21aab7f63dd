package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.StoredObject;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.events.Work;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.StoredTemplate;
import io.kafleet.traffic.fleet.WorkView;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.RolloutDecision;
import io.kafleet.traffic.shifts.DirectApplies;
import io.kafleet.traffic.shifts.Plan;
import io.kafleet.traffic.shifts.ShiftBook;
import io.kafleet.traffic.shifts.ShiftPlanning;
import io.kafleet.traffic.shifts.ShiftRecord;
import io.kafleet.traffic.shifts.ShiftRequest;
import io.kafleet.traffic.shifts.TrackedShift;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * traffic-service's one writer and its state: the fleet view it follows, and the shift book it
 * rebuilds from its own topics at start-up. Every change happens under this object's lock; an event
 * becomes state only once Kafka has it.
 */
public final class Traffic implements AutoCloseable {

  static final String SOURCE = "traffic-service";
  private static final Logger log = LoggerFactory.getLogger(Traffic.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TrafficSettings settings;
  private final Clock clock;
  private final FleetView fleet = new FleetView();
  private final ShiftBook book;
  private final RolloutBook rollouts = new RolloutBook();
  private final RolloutRunner runner;
  private final KafkaProducer<String, Object> producer;
  private final FleetFollower follower;
  private final ScheduledExecutorService timer;
  private boolean ready;

  public Traffic(TrafficSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.book = new ShiftBook(settings.convergenceTimeout());
    this.runner = new RolloutRunner(this, fleet, book, rollouts);
    TrafficTopics.create(settings);
    this.producer = new KafkaProducer<>(settings.producer());
    restore();
    this.follower = new FleetFollower(settings, this);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafleet-traffic-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.evaluateInterval().toMillis();
    timer.scheduleWithFixedDelay(this::evaluateSafely, every, every, TimeUnit.MILLISECONDS);
  }

  /** The events said where every shift stood; the commands say what each asked. */
  private void restore() {
    KafkaTopics.readToEnd(
        settings.reader(),
        settings.topics().rolloutRequests(),
        (key, value) -> {
          if (value instanceof RolloutRequested request) {
            rollouts.requested(request);
          }
        });
    KafkaTopics.readToEnd(
        settings.reader(),
        settings.topics().trafficEvents(),
        (key, value) -> {
          if (value instanceof FleetEvent event) {
            book.apply(event);
            rollouts.apply(event);
          }
        });
    KafkaTopics.readToEnd(
        settings.reader(),
        settings.topics().trafficShifts(),
        (key, value) -> {
          if (value instanceof TrafficShiftRequested shift) {
            book.register(ShiftRecord.of(shift, ObjectKey.parse(key), null));
          }
        });
  }

  /** True once the fleet view holds what the topics held at start-up. */
  public synchronized boolean ready() {
    return ready;
  }

  /**
   * Validates the request against the fleet and publishes it as {@code TrafficShiftRequested}.
   *
   * @return the accepted plan and the new shift's id, or the rejection (nothing published)
   */
  public synchronized Accepted request(ShiftRequest request) {
    if (!ready) {
      throw new NotReadyException();
    }
    Accepted accepted = publishShift(request);
    evaluate();
    return accepted;
  }

  /** Validates and publishes a shift without evaluating; a rollout step's, or the API's. */
  Accepted publishShift(ShiftRequest request) {
    Plan plan = ShiftPlanning.plan(request, fleet);
    if (plan instanceof Plan.Rejected rejected) {
      throw new ShiftRejectedException(rejected.violations());
    }
    Plan.Accepted accepted = (Plan.Accepted) plan;
    TrafficShiftRequested command =
        new TrafficShiftRequested(
            UUID.randomUUID().toString(),
            ShiftBook.ref(accepted.virtualService()),
            accepted.requested(),
            request.clusters(),
            request.requestedBy(),
            request.reason(),
            request.rolloutId(),
            request.correlationId(),
            clock.instant());
    send(settings.topics().trafficShifts(), accepted.virtualService().toString(), command);
    book.register(ShiftRecord.of(command, accepted.virtualService(), accepted.generation()));
    return new Accepted(command.getShiftId(), accepted.targets());
  }

  /** A published shift: its id and the clusters expected to converge. */
  public record Accepted(String shiftId, List<String> targets) {}

  public synchronized Optional<TrackedShift> shift(String id) {
    return book.find(id);
  }

  public synchronized List<TrackedShift> history(ObjectKey virtualService) {
    return book.history(virtualService);
  }

  public synchronized boolean knows(ObjectKey key) {
    return fleet.template(key).isPresent();
  }

  /** One batch from the followed topics; decisions wait until the view has caught up. */
  synchronized void onRecords(List<ConsumerRecord<String, Object>> records, boolean caughtUp) {
    for (ConsumerRecord<String, Object> record : records) {
      try {
        take(record);
      } catch (RuntimeException e) {
        log.warn(
            "ignored {} at {}@{}: {}", record.key(), record.topic(), record.offset(), e.toString());
      }
    }
    if (caughtUp && !ready) {
      ready = true;
      log.info("fleet view caught up; following shifts");
    }
    evaluate();
  }

  private void take(ConsumerRecord<String, Object> record) {
    String topic = record.topic();
    if (topic.equals(settings.topics().rolloutRequests())) {
      if (record.value() instanceof RolloutRequested request) {
        rollouts.requested(request);
      }
      return;
    }
    if (record.key() == null || record.key().split("/", -1).length != 4) {
      return; // a heartbeat, keyed by cluster name
    }
    ObjectKey key = ObjectKey.parse(record.key());
    if (topic.equals(settings.topics().templates())) {
      if (!relevant(key)) {
        return;
      }
      StoredObject stored = (StoredObject) record.value();
      StoredTemplate next =
          stored == null
              ? null
              : new StoredTemplate(
                  stored.getGeneration(),
                  stored.getAppliedBy(),
                  stored.getAppliedAt(),
                  JSON.readTree(stored.getDocument()));
      StoredTemplate previous = fleet.template(key).orElse(null);
      fleet.putTemplate(key, next);
      DirectApplies.detect(key, previous, next).forEach(book::register);
    } else if (topic.startsWith(settings.topics().executionSpacePrefix())) {
      if (!ObjectKeys.isVirtualService(key)) {
        return;
      }
      String cluster = topic.substring(settings.topics().executionSpacePrefix().length());
      Work work = (Work) record.value();
      fleet.putWork(
          cluster,
          key,
          work == null
              ? null
              : new WorkView(
                  work.getTemplateGeneration(),
                  work.getContentHash(),
                  Routes.weights(JSON.readTree(work.getManifest()))));
    } else if (topic.startsWith(settings.topics().statusPrefix())) {
      String cluster = topic.substring(settings.topics().statusPrefix().length());
      StatusEvent event = (StatusEvent) record.value();
      if (!ObjectKeys.isVirtualService(key) && !RolloutRunner.isDeployment(key)) {
        return; // canary Deployments' health gates rollouts
      }
      if (event == null) {
        fleet.putReport(cluster, key, null);
      } else if (event.getPayload() instanceof WorkStatus status
          && cluster.equals(status.getCluster())) {
        // A status topic speaks for its own cluster only.
        fleet.putReport(cluster, key, status);
      }
    }
  }

  private static boolean relevant(ObjectKey key) {
    return ObjectKeys.isVirtualService(key)
        || (key.group().equals(FleetView.ISTIO_GROUP) && key.kind().equals("DestinationRule"))
        || (key.group().equals(ObjectKey.CORE_GROUP) && key.kind().equals("Service"));
  }

  private void evaluateSafely() {
    try {
      evaluate();
    } catch (RuntimeException e) {
      log.error("evaluating shifts failed", e);
    }
  }

  private synchronized void evaluate() {
    if (!ready) {
      return;
    }
    Instant now = clock.instant();
    for (SpecificRecord payload : book.evaluate(fleet, now)) {
      String shiftId =
          payload instanceof ShiftProgress progress
              ? progress.getShiftId()
              : ((ShiftCompleted) payload).getShiftId();
      publishEvent(
          shiftId,
          book.find(shiftId).map(s -> s.record().correlationId()).orElse(null),
          payload,
          now);
    }
    runner.run(now);
  }

  /** Publishes a fleet event on the traffic events topic and takes it into the books. */
  void publishEvent(String key, String correlationId, SpecificRecord payload, Instant now) {
    FleetEvent event =
        new FleetEvent(UUID.randomUUID().toString(), correlationId, SOURCE, now, payload);
    send(settings.topics().trafficEvents(), key, event);
    book.apply(event);
    rollouts.apply(event);
  }

  /** Keeps an API rollout's request on the requests topic, where a restart finds it. */
  void publishRequest(RolloutRequested request) {
    send(settings.topics().rolloutRequests(), request.getCorrelationId(), request);
  }

  /** Starts a rollout asked through the API: 400 for bad input, 409 for a known id. */
  public synchronized String startRollout(RolloutRequested request) {
    requireReady();
    String id = runner.startFromApi(request, clock.instant());
    evaluate();
    return id;
  }

  /** Promotes, pauses, resumes or aborts a rollout; 404 unknown, 409 when it does not fit. */
  public synchronized void rolloutCommand(
      String id, Function<RolloutBook.Tracked, RolloutDecision> command) {
    requireReady();
    runner.command(id, command, clock.instant());
    evaluate();
  }

  public synchronized Optional<RolloutBook.Tracked> rollout(String id) {
    return rollouts.find(id);
  }

  private void requireReady() {
    if (!ready) {
      throw new NotReadyException();
    }
  }

  private void send(String topic, String key, Object value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic, e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    follower.close();
    producer.close();
  }
}
