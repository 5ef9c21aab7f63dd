package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.Health;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.ShiftState;
import io.kafleet.events.TestRoute;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.analysis.Measurement;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.logs.LogFields;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.RolloutConflictException;
import io.kafleet.traffic.rollouts.RolloutDecision;
import io.kafleet.traffic.rollouts.RolloutRequests;
import io.kafleet.traffic.rollouts.RolloutSpec;
import io.kafleet.traffic.rollouts.RolloutState;
import io.kafleet.traffic.rollouts.Rollouts;
import io.kafleet.traffic.shifts.Plan;
import io.kafleet.traffic.shifts.ShiftBook;
import io.kafleet.traffic.shifts.ShiftPlanning;
import io.kafleet.traffic.shifts.ShiftRequest;
import io.kafleet.traffic.shifts.TrackedShift;
import io.kafleet.validation.SubsetWeight;
import io.kafleet.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progressive rollouts: starts requested ones, asks the state machine what is due, and turns each
 * decision into a shift (through {@link ShiftDesk}) and a {@code RolloutProgress} event. Not
 * thread-safe: {@link Traffic} serialises it with the shifts and the fleet view it reads.
 */
final class RolloutRunner {

  private final Map<String, CompletableFuture<Rollouts.WebhookAnswer>> webhooks =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<List<Measurement>>> checks =
      new ConcurrentHashMap<>();

  private static final Logger log = LoggerFactory.getLogger(RolloutRunner.class);
  // Enough to walk a rollout from one wave's completion into the next wave's shift in one tick.
  private static final int DECISIONS_PER_TICK = 4;

  private final FleetView fleet;
  private final ShiftDesk shifts;
  private final RolloutBook rollouts;
  private final TrafficPublisher publisher;
  private final PrometheusChecks prometheus;

  RolloutRunner(
      FleetView fleet,
      ShiftDesk shifts,
      RolloutBook rollouts,
      TrafficPublisher publisher,
      PrometheusChecks prometheus) {
    this.fleet = fleet;
    this.shifts = shifts;
    this.rollouts = rollouts;
    this.publisher = publisher;
    this.prometheus = prometheus;
  }

  /** A request read from the requests topic: at start-up, or afterwards (a CI pipeline's). */
  void requested(RolloutRequested request) {
    rollouts.requested(request);
  }

  /** A rollout event read back at start-up from the events topic. */
  void restore(FleetEvent event) {
    rollouts.apply(event);
  }

  Optional<RolloutBook.Tracked> find(String id) {
    return rollouts.find(id);
  }

  List<RolloutBook.Tracked> all() {
    return rollouts.all();
  }

  /** The rollouts started and not ended. */
  int active() {
    return rollouts.running().size();
  }

  static boolean isDeployment(ObjectKey key) {
    return key.group().equals("apps") && key.kind().equals("Deployment");
  }

  /**
   * Starts a rollout asked through the API: checked, then the request itself goes to the requests
   * topic (where a restart finds it) and {@code Started} to the events topic.
   */
  String startFromApi(RolloutRequested request, Instant now) {
    if (rollouts.knows(request.getCorrelationId())) {
      throw new RolloutConflictException(
          "a rollout with correlationId " + request.getCorrelationId() + " exists already");
    }
    List<Violation> violations = check(request);
    if (!violations.isEmpty()) {
      throw new ShiftRejectedException(violations);
    }
    publisher.rolloutRequest(request);
    rollouts.requested(request);
    started(request, now);
    return request.getCorrelationId();
  }

  private void started(RolloutRequested request, Instant now) {
    publish(
        RolloutRequests.spec(request),
        RolloutPhase.Started,
        null,
        null,
        null,
        "requested by " + request.getRequestedBy(),
        now);
  }

  /** Every violation of the request, on its own terms and then against the fleet. */
  private List<Violation> check(RolloutRequested request) {
    List<Violation> violations = RolloutRequests.check(request);
    if (!violations.isEmpty()) {
      return violations;
    }
    RolloutSpec spec = RolloutRequests.spec(request);
    if (spec.analysis() != null
        && !spec.analysis().metrics().isEmpty()
        && !prometheus.configured()) {
      return List.of(
          new Violation(
              "analysis.metrics",
              "traffic-service has no Prometheus to ask (kafleet.traffic.analysis.prometheus-url"
                  + " or cluster-prometheus-urls)"));
    }
    Plan plan = ShiftPlanning.plan(shift(spec, 0, List.of(), spec.allClusters(), "check"), fleet);
    if (plan instanceof Plan.Rejected rejected) {
      return rejected.violations().stream().map(v -> renamed(spec, v)).toList();
    }
    return List.of();
  }

  /** A shift violation named by the rollout request's field. */
  private static Violation renamed(RolloutSpec spec, Violation violation) {
    Map<String, String> fields = new HashMap<>();
    fields.put("weights." + spec.canarySubset(), "canarySubset");
    fields.put("weights." + spec.stableSubset(), "stableSubset");
    fields.put("route.index", "routeIndex");
    fields.put("route.name", "routeName");
    String field = violation.field();
    if (field.startsWith("clusters")) {
      field = "waves";
    }
    return new Violation(fields.getOrDefault(field, field), violation.message());
  }

  /** Starts or refuses the requests read from the topic, then moves every rollout on. */
  @SuppressWarnings("try") // the log fields are used by the logging within
  void run(Instant now) {
    for (RolloutRequested request : rollouts.waiting()) {
      List<Violation> violations = check(request);
      if (violations.isEmpty()) {
        started(request, now);
      } else {
        publishEvent(
            request.getCorrelationId(),
            new RolloutProgress(
                request.getCorrelationId(),
                request.getVirtualService(),
                RolloutPhase.Failed,
                null,
                null,
                null,
                "refused: " + violations,
                List.of()),
            now);
      }
    }
    for (RolloutBook.Tracked rollout : rollouts.running()) {
      String id = rollout.spec().id();
      try (LogFields fields = fields(rollout.spec())) {
        for (int i = 0; i < DECISIONS_PER_TICK; i++) {
          RolloutBook.Tracked current = rollouts.find(id).orElseThrow();
          Optional<RolloutDecision> due =
              Rollouts.decide(current.spec(), current.state(), observe(current, now), now);
          if (due.isEmpty()) {
            break;
          }
          carryOut(current.spec(), due.get(), now);
        }
      }
    }
  }

  /** Applies a command (promote, pause, resume, abort) to a rollout; 404 and 409 as exceptions. */
  @SuppressWarnings("try") // the log fields are used by the logging within
  void command(String id, Function<RolloutBook.Tracked, RolloutDecision> command, Instant now) {
    RolloutBook.Tracked rollout =
        rollouts.find(id).orElseThrow(() -> new UnknownRolloutException(id));
    if (rollout.spec() == null) {
      throw new RolloutConflictException("the rollout was refused: " + rollout.state().message());
    }
    try (LogFields fields = fields(rollout.spec())) {
      carryOut(rollout.spec(), command.apply(rollout), now);
    }
  }

  private static LogFields fields(RolloutSpec spec) {
    return LogFields.of(
        LogFields.ROLLOUT, spec.id(), LogFields.OBJECT, spec.virtualService().toString());
  }

  /**
   * The webhook's answer for the current step and wave: asked once, when the shift has an outcome
   * and the canary is healthy wherever that is required, and answered asynchronously, so that a
   * slow webhook never holds the traffic lock.
   */
  private Rollouts.WebhookAnswer webhookAnswer(
      RolloutBook.Tracked rollout, Map<String, ShiftState> outcome, Map<String, Health> health) {
    RolloutSpec spec = rollout.spec();
    RolloutState state = rollout.state();
    boolean healthy =
        !spec.requireCanaryHealthy()
            || (outcome != null
                && outcome.keySet().stream().allMatch(c -> health.get(c) == Health.Healthy));
    if (spec.webhook() == null || outcome == null || !healthy) {
      return null;
    }
    return webhooks
        .computeIfAbsent(
            spec.id() + "/" + state.step() + "/" + state.wave(), key -> Webhooks.ask(spec, state))
        .getNow(null);
  }

  /**
   * The measurements of the step's due check: asked once, when the check is due and every other
   * gate has passed, and answered asynchronously as the webhook is.
   */
  private List<Measurement> analysis(
      RolloutBook.Tracked rollout,
      Map<String, ShiftState> outcome,
      Map<String, Health> health,
      Rollouts.WebhookAnswer webhook,
      Instant now) {
    RolloutSpec spec = rollout.spec();
    RolloutState state = rollout.state();
    boolean gatesPassed =
        outcome != null
            && !outcome.isEmpty()
            && outcome.values().stream().allMatch(ShiftState.Converged::equals)
            && (!spec.requireCanaryHealthy()
                || outcome.keySet().stream().allMatch(c -> health.get(c) == Health.Healthy))
            && (spec.webhook() == null || (webhook != null && webhook.passed()));
    if (!gatesPassed || !Rollouts.checkDue(spec, state, now)) {
      return null;
    }
    return checks
        .computeIfAbsent(checkKey(spec, state), key -> prometheus.check(spec, outcome.keySet()))
        .getNow(null);
  }

  private static String checkKey(RolloutSpec spec, RolloutState state) {
    return spec.id() + "/" + state.step() + "/" + state.wave() + "/" + state.analysis().checks();
  }

  private Rollouts.Observation observe(RolloutBook.Tracked rollout, Instant now) {
    RolloutState state = rollout.state();
    Map<String, ShiftState> outcome =
        state.shiftId() == null
            ? null
            : shifts.find(state.shiftId()).map(TrackedShift::completed).orElse(null);
    Map<String, Health> health = new HashMap<>();
    if (outcome != null) {
      for (String cluster : outcome.keySet()) {
        fleet
            .report(cluster, rollout.spec().canaryDeployment())
            .map(WorkStatus::getHealth)
            .ifPresent(h -> health.put(cluster, h));
      }
    }
    Rollouts.WebhookAnswer webhook = webhookAnswer(rollout, outcome, health);
    return new Rollouts.Observation(
        outcome, health, webhook, analysis(rollout, outcome, health, webhook, now));
  }

  private void carryOut(RolloutSpec spec, RolloutDecision decision, Instant now) {
    if (decision instanceof RolloutDecision.StartStep start) {
      String reason = "step " + start.step() + " wave " + start.wave();
      Traffic.Accepted shift;
      try {
        shift =
            shifts.publish(
                shift(
                    spec,
                    start.canaryWeight(),
                    spec.step(start.step()).testMatches(),
                    start.clusters(),
                    reason));
      } catch (ShiftRejectedException e) {
        carryOut(spec, new RolloutDecision.Abort(reason + ": " + e.violations()), now);
        return;
      }
      publish(
          spec,
          RolloutPhase.StepStarted,
          start.step(),
          start.wave(),
          start.canaryWeight(),
          "shift " + shift.shiftId() + " to " + shift.targets(),
          now);
    } else if (decision instanceof RolloutDecision.CompleteStep done) {
      publish(
          spec,
          RolloutPhase.StepCompleted,
          done.step(),
          done.wave(),
          spec.step(done.step()).canaryWeight(),
          null,
          now);
    } else if (decision instanceof RolloutDecision.Analysed check) {
      checks.remove(checkKey(spec, rollouts.find(spec.id()).orElseThrow().state()));
      boolean passed = check.measurements().stream().allMatch(Measurement::passed);
      publish(
          spec,
          RolloutPhase.Analysed,
          check.step(),
          check.wave(),
          spec.step(check.step()).canaryWeight(),
          passed
              ? "check passed"
              : "check failed: "
                  + String.join(
                      "; ",
                      check.measurements().stream()
                          .filter(m -> !m.passed())
                          .map(Measurement::describe)
                          .toList()),
          check.measurements(),
          now);
    } else if (decision instanceof RolloutDecision.Complete) {
      publish(spec, RolloutPhase.Completed, null, null, null, null, now);
    } else if (decision instanceof RolloutDecision.Abort abort) {
      String message = abort.reason();
      try {
        Traffic.Accepted back =
            shifts.publish(
                shift(spec, 0, List.of(), spec.allClusters(), "abort: " + abort.reason()));
        message += "; shift " + back.shiftId() + " back to 100% " + spec.stableSubset();
      } catch (ShiftRejectedException e) {
        message += "; cannot shift back: " + e.violations();
        log.warn("rollout {}: {}", spec.id(), message);
      }
      publish(spec, RolloutPhase.Aborted, null, null, 0, message, abort.measurements(), now);
    } else if (decision instanceof RolloutDecision.Promote promote) {
      publish(
          spec,
          RolloutPhase.Promoted,
          promote.step(),
          null,
          spec.step(promote.step()).canaryWeight(),
          null,
          now);
    } else if (decision instanceof RolloutDecision.Pause pause) {
      publish(spec, RolloutPhase.Paused, null, null, null, "paused by " + pause.by(), now);
    } else if (decision instanceof RolloutDecision.Resume resume) {
      publish(spec, RolloutPhase.Resumed, null, null, null, "resumed by " + resume.by(), now);
    }
  }

  /** The shift of a step: its weights, and its test route when it has test matches. */
  private static ShiftRequest shift(
      RolloutSpec spec,
      int canaryWeight,
      List<HeaderMatch> testMatches,
      List<String> clusters,
      String reason) {
    List<SubsetWeight> weights = new ArrayList<>();
    weights.add(new SubsetWeight(spec.canarySubset(), canaryWeight));
    weights.add(new SubsetWeight(spec.stableSubset(), 100 - canaryWeight));
    return new ShiftRequest(
        spec.virtualService().namespace(),
        spec.virtualService().name(),
        spec.route(),
        weights,
        testMatches.isEmpty() ? null : new TestRoute(spec.canarySubset(), testMatches),
        clusters,
        spec.requestedBy() + " (rollout " + spec.id() + ")",
        "rollout " + spec.id() + " " + reason,
        spec.id(),
        spec.id());
  }

  private void publish(
      RolloutSpec spec,
      RolloutPhase phase,
      Integer step,
      Integer wave,
      Integer weight,
      String message,
      Instant now) {
    publish(spec, phase, step, wave, weight, message, List.of(), now);
  }

  private void publish(
      RolloutSpec spec,
      RolloutPhase phase,
      Integer step,
      Integer wave,
      Integer weight,
      String message,
      List<Measurement> measurements,
      Instant now) {
    publishEvent(
        spec.id(),
        new RolloutProgress(
            spec.id(),
            ShiftBook.ref(spec.virtualService()),
            phase,
            step,
            wave,
            weight,
            message,
            measurements.stream().map(Measurement::toEvent).toList()),
        now);
  }

  /** Publishes a rollout's event, keyed and correlated by its id, and takes it into the book. */
  @SuppressWarnings("try") // the log fields are used by the logging within
  private void publishEvent(String rolloutId, RolloutProgress progress, Instant now) {
    FleetEvent event =
        new FleetEvent(
            UUID.randomUUID().toString(), rolloutId, TrafficPublisher.SOURCE, now, progress);
    ObjectRef ref = progress.getVirtualService();
    try (LogFields fields =
        LogFields.of(
            LogFields.ROLLOUT,
            rolloutId,
            LogFields.OBJECT,
            new ObjectKey(ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName())
                .toString())) {
      publisher.event(rolloutId, event);
      rollouts.apply(event);
      log.info(
          "rollout {}: {}{}{}",
          rolloutId,
          progress.getPhase(),
          progress.getStepIndex() == null
              ? ""
              : " step " + progress.getStepIndex() + " wave " + progress.getWave(),
          progress.getMessage() == null ? "" : " (" + progress.getMessage() + ")");
    }
  }
}
