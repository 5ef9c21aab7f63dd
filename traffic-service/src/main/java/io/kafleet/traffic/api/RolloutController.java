package io.kafleet.traffic.api;

import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.InvalidInputException;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.kafka.Traffic;
import io.kafleet.traffic.kafka.TrafficLeadership;
import io.kafleet.traffic.kafka.UnknownRolloutException;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.RolloutSpec;
import io.kafleet.traffic.rollouts.Rollouts;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/** Progressive rollouts: start one, follow it, promote, pause, resume or abort it. */
@RestController
@RequestMapping("/api/v1/rollouts")
class RolloutController {

  private final TrafficLeadership leadership;
  private final Clock clock;

  RolloutController(TrafficLeadership leadership, Clock clock) {
    this.leadership = leadership;
    this.clock = clock;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> start(@RequestBody JsonNode body) {
    String id = leadership.leading().startRollout(RolloutRequestReader.read(body, clock.instant()));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/rollouts/" + id))
        .body(Map.of("rolloutId", id));
  }

  /** {@code ?to=full} goes straight to 100% canary. */
  @PostMapping("/{id}/promote")
  ResponseEntity<Map<String, Object>> promote(
      @PathVariable String id, @RequestParam(name = "to", required = false) String to) {
    if (to != null && !to.equals("full")) {
      throw new InvalidInputException("to", "only 'full' is known, not " + to);
    }
    leadership.leading().rolloutCommand(id, r -> Rollouts.promote(r.spec(), r.state(), to != null));
    return view(id);
  }

  @PostMapping("/{id}/pause")
  ResponseEntity<Map<String, Object>> pause(
      @PathVariable String id, @RequestParam(name = "by", defaultValue = "api") String by) {
    leadership.leading().rolloutCommand(id, r -> Rollouts.pause(r.state(), by));
    return view(id);
  }

  @PostMapping("/{id}/resume")
  ResponseEntity<Map<String, Object>> resume(
      @PathVariable String id, @RequestParam(name = "by", defaultValue = "api") String by) {
    leadership.leading().rolloutCommand(id, r -> Rollouts.resume(r.state(), by));
    return view(id);
  }

  @PostMapping("/{id}/abort")
  ResponseEntity<Map<String, Object>> abort(
      @PathVariable String id, @RequestParam(name = "by", defaultValue = "api") String by) {
    leadership.leading().rolloutCommand(id, r -> Rollouts.abort(r.state(), by));
    return view(id);
  }

  @GetMapping("/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
    return view(id);
  }

  /**
   * Every rollout known, newest first, each as {@code GET /{id}} shows it; {@code ?virtualService=
   * namespace/name} keeps that VirtualService's (a rollout refused on its own terms names none).
   */
  @GetMapping
  List<Map<String, Object>> list(
      @RequestParam(name = "virtualService", required = false) String virtualService) {
    Traffic traffic = leadership.leading();
    List<RolloutBook.Tracked> rollouts = traffic.rollouts();
    if (virtualService == null) {
      return rollouts.stream().map(RolloutController::view).toList();
    }
    ObjectKey key = virtualServiceKey(virtualService);
    List<Map<String, Object>> views =
        rollouts.stream()
            .filter(r -> r.spec() != null && r.spec().virtualService().equals(key))
            .map(RolloutController::view)
            .toList();
    if (views.isEmpty() && !traffic.knows(key)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "VirtualService " + virtualService + " is not a fleet template");
    }
    return views;
  }

  private static ObjectKey virtualServiceKey(String namespaceAndName) {
    String[] parts = namespaceAndName.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new InvalidInputException(
          "virtualService", "expected namespace/name, not '" + namespaceAndName + "'");
    }
    return ObjectKeys.virtualService(parts[0], parts[1]);
  }

  private ResponseEntity<Map<String, Object>> view(String id) {
    return ResponseEntity.ok(
        view(leadership.leading().rollout(id).orElseThrow(() -> new UnknownRolloutException(id))));
  }

  private static Map<String, Object> view(RolloutBook.Tracked rollout) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("rolloutId", rollout.id());
    view.put("status", rollout.state().status().name());
    view.put("step", rollout.state().step());
    view.put("wave", rollout.state().wave());
    view.put("stage", rollout.state().stage().name());
    view.put("shiftId", rollout.state().shiftId());
    view.put("since", rollout.state().since().toString());
    view.put("message", rollout.state().message());
    RolloutSpec spec = rollout.spec();
    if (spec != null) {
      view.put("virtualService", spec.virtualService().toString());
      view.put("stableSubset", spec.stableSubset());
      view.put("canarySubset", spec.canarySubset());
      view.put("canaryWeight", spec.step(rollout.state().step()).canaryWeight());
      view.put(
          "steps",
          spec.steps().stream()
              .map(
                  s -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    step.put("canaryWeight", s.canaryWeight());
                    step.put("pauseSeconds", s.pause() == null ? null : s.pause().toSeconds());
                    return step;
                  })
              .toList());
      view.put("waves", spec.waves());
      Map<String, Object> gates = new LinkedHashMap<>();
      gates.put("requireCanaryHealthy", spec.requireCanaryHealthy());
      gates.put("webhookUrl", spec.webhook() == null ? null : spec.webhook().toString());
      gates.put(
          "stepTimeoutSeconds", spec.stepTimeout() == null ? null : spec.stepTimeout().toSeconds());
      view.put("gates", gates);
      view.put("requestedBy", spec.requestedBy());
      view.put("requestedAt", spec.requestedAt().toString());
    }
    view.put(
        "history",
        rollout.history().stream()
            .map(
                entry -> {
                  Map<String, Object> passed = new LinkedHashMap<>();
                  passed.put("phase", entry.phase().name());
                  passed.put("step", entry.step());
                  passed.put("wave", entry.wave());
                  passed.put("at", entry.at().toString());
                  passed.put("message", entry.message());
                  return passed;
                })
            .toList());
    return view;
  }
}
