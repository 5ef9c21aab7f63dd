package io.kafleet.placement.clusters;

import io.kafleet.placement.fleet.Leadership;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.scheduling.Taint;
import io.kafleet.schemas.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The member clusters and the operator's decisions on them. */
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterController {

  /** The body of {@code PUT .../admission}: the whole decision, replacing the previous one. */
  record AdmissionRequest(Boolean accepted, List<TaintRequest> taints) {}

  record TaintRequest(String key, String value, String effect) {}

  private final ClusterRegistry registry;
  private final Leadership leadership;
  private final MembershipMonitor monitor;
  private final Clock clock;

  ClusterController(
      ClusterRegistry registry, Leadership leadership, MembershipMonitor monitor, Clock clock) {
    this.registry = registry;
    this.leadership = leadership;
    this.monitor = monitor;
    this.clock = clock;
  }

  @GetMapping
  List<ClusterStatus> list() {
    return registry.list();
  }

  @GetMapping("/{name}")
  ClusterStatus get(@PathVariable String name) {
    return registry
        .get(name)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "cluster '" + name + "' is not known to the fleet"));
  }

  /** Accepts a cluster (joined or not yet), keeping its taints. */
  @PostMapping("/{name}/accept")
  ClusterStatus accept(@PathVariable String name) {
    List<Taint> taints = registry.admission(name).map(Admission::taints).orElse(List.of());
    return decide(name, new Admission(true, taints, "api", clock.instant()));
  }

  @PutMapping("/{name}/admission")
  ClusterStatus admit(@PathVariable String name, @RequestBody AdmissionRequest request) {
    if (request.accepted() == null) {
      throw new InvalidInputException("accepted", "is required (true or false)");
    }
    List<TaintRequest> taints = request.taints() == null ? List.of() : request.taints();
    List<Taint> parsed = new ArrayList<>();
    for (int i = 0; i < taints.size(); i++) {
      parsed.add(taint(taints.get(i), "taints[" + i + "]"));
    }
    return decide(name, new Admission(request.accepted(), parsed, "api", clock.instant()));
  }

  private ClusterStatus decide(String name, Admission admission) {
    if (!Topics.isValidClusterName(name)) {
      throw new InvalidInputException(
          "name", "'" + name + "' is not a DNS label (lower-case letters, digits, '-', 1-63)");
    }
    leadership.leadingFleet().admit(name, admission);
    monitor.check();
    return registry.get(name).orElseThrow();
  }

  private static Taint taint(TaintRequest taint, String field) {
    if (taint.key() == null || taint.key().isBlank()) {
      throw new InvalidInputException(field + ".key", "is required");
    }
    try {
      return new Taint(
          taint.key(), taint.value(), Taint.Effect.valueOf(String.valueOf(taint.effect())));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field + ".effect", "must be NoSchedule or NoExecute, was " + taint.effect());
    }
  }
}
