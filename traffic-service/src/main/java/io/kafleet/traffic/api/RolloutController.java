package io.kafleet.traffic.api;

import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.InvalidInputException;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.kafka.Traffic;
import io.kafleet.traffic.kafka.TrafficLeadership;
import io.kafleet.traffic.kafka.UnknownRolloutException;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.Rollouts;
import java.net.URI;
import java.time.Clock;
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
  ResponseEntity<Map<String, String>> start(@RequestBody JsonNode body) {
    String id = leadership.leading().startRollout(RolloutRequestReader.read(body, clock.instant()));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/rollouts/" + id))
        .body(Map.of("rolloutId", id));
  }

  /** {@code ?to=full} goes straight to 100% canary. */
  @PostMapping("/{id}/promote")
  ResponseEntity<RolloutView> promote(
      @PathVariable String id, @RequestParam(name = "to", required = false) String to) {
    if (to != null && !to.equals("full")) {
      throw new InvalidInputException("to", "only 'full' is known, not " + to);
    }
    leadership.leading().rolloutCommand(id, r -> Rollouts.promote(r.spec(), r.state(), to != null));
    return view(id);
  }

  @PostMapping("/{id}/pause")
  ResponseEntity<RolloutView> pause(
      @PathVariable String id, @RequestParam(name = "by", defaultValue = "api") String by) {
    leadership.leading().rolloutCommand(id, r -> Rollouts.pause(r.state(), by));
    return view(id);
  }

  @PostMapping("/{id}/resume")
  ResponseEntity<RolloutView> resume(
      @PathVariable String id, @RequestParam(name = "by", defaultValue = "api") String by) {
    leadership.leading().rolloutCommand(id, r -> Rollouts.resume(r.state(), by));
    return view(id);
  }

  @PostMapping("/{id}/abort")
  ResponseEntity<RolloutView> abort(
      @PathVariable String id, @RequestParam(name = "by", defaultValue = "api") String by) {
    leadership.leading().rolloutCommand(id, r -> Rollouts.abort(r.state(), by));
    return view(id);
  }

  @GetMapping("/{id}")
  ResponseEntity<RolloutView> get(@PathVariable String id) {
    return view(id);
  }

  /**
   * Every rollout known, newest first, each as {@code GET /{id}} shows it; {@code ?virtualService=
   * namespace/name} keeps that VirtualService's (a rollout refused on its own terms names none).
   */
  @GetMapping
  List<RolloutView> list(
      @RequestParam(name = "virtualService", required = false) String virtualService) {
    Traffic traffic = leadership.leading();
    List<RolloutBook.Tracked> rollouts = traffic.rollouts();
    if (virtualService == null) {
      return rollouts.stream().map(RolloutView::of).toList();
    }
    ObjectKey key = virtualServiceKey(virtualService);
    List<RolloutView> views =
        rollouts.stream()
            .filter(r -> r.spec() != null && r.spec().virtualService().equals(key))
            .map(RolloutView::of)
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

  private ResponseEntity<RolloutView> view(String id) {
    return ResponseEntity.ok(
        RolloutView.of(
            leadership.leading().rollout(id).orElseThrow(() -> new UnknownRolloutException(id))));
  }
}
