package io.kafleet.placement.web;

import io.kafleet.events.AgentQueryReply;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.ClusterStatus;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.kafka.Leadership;
import io.kafleet.placement.kafka.MemberQueries;
import io.kafleet.placement.scheduling.Taint;
import io.kafleet.schemas.Topics;
import io.kafleet.sealing.SealingException;
import io.kafleet.sealing.SealingKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The member clusters and the operator's decisions on them. */
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterController {

  /**
   * The body of {@code PUT .../admission}: the whole decision, replacing the previous one, except
   * that a cluster's sealing key stays when none is given.
   *
   * @param sealingPublicKey base64 of the cluster's X25519 public key (X.509 DER), as join creates
   */
  record AdmissionRequest(Boolean accepted, List<TaintRequest> taints, String sealingPublicKey) {}

  record TaintRequest(String key, String value, String effect) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ClusterRegistry registry;
  private final MemberQueries queries;
  private final Leadership leadership;
  private final Clock clock;

  ClusterController(
      ClusterRegistry registry, MemberQueries queries, Leadership leadership, Clock clock) {
    this.registry = registry;
    this.queries = queries;
    this.leadership = leadership;
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

  /**
   * Live objects of the member cluster, read by its agent through Kafka (no kubeconfig needed), as
   * a Kubernetes {@code List} exactly as the member's API server returned them.
   */
  @GetMapping("/{name}/objects")
  ObjectNode liveObjects(
      @PathVariable String name,
      @RequestParam String apiVersion,
      @RequestParam String kind,
      @RequestParam(required = false) String namespace,
      @RequestParam(name = "name", required = false) String objectName,
      @RequestParam(required = false) String labelSelector) {
    if (registry.get(name).isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "cluster '" + name + "' is not known to the fleet");
    }
    AgentQueryReply reply;
    try {
      reply =
          queries.ask(
              new MemberQueries.Query(
                  name, apiVersion, kind, namespace, objectName, labelSelector));
    } catch (IllegalStateException e) {
      throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, e.getMessage());
    }
    if (!reply.getOk()) {
      throw new InvalidInputException("kind", reply.getError());
    }
    ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    ArrayNode items = list.putArray("items");
    reply.getObjects().forEach(object -> items.add(JSON.readTree(object)));
    return list;
  }

  /** Accepts a cluster (joined or not yet), keeping its taints. */
  @PostMapping("/{name}/accept")
  ClusterStatus accept(@PathVariable String name) {
    Optional<Admission> known = registry.admission(name);
    return decide(
        name,
        new Admission(
            true,
            known.map(Admission::taints).orElse(List.of()),
            "api",
            clock.instant(),
            known.flatMap(Admission::sealingPublicKey)));
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
    Optional<String> sealingKey =
        request.sealingPublicKey() == null
            ? registry.admission(name).flatMap(Admission::sealingPublicKey)
            : Optional.of(sealingKey(request.sealingPublicKey()));
    return decide(
        name, new Admission(request.accepted(), parsed, "api", clock.instant(), sealingKey));
  }

  /** The key in its canonical encoding, or a 400 saying what is wrong with it. */
  private static String sealingKey(String base64) {
    try {
      return SealingKeys.encode(SealingKeys.publicKey(base64));
    } catch (SealingException e) {
      throw new InvalidInputException("sealingPublicKey", e.getMessage());
    }
  }

  private ClusterStatus decide(String name, Admission admission) {
    if (!Topics.isValidClusterName(name)) {
      throw new InvalidInputException(
          "name", "'" + name + "' is not a DNS label (lower-case letters, digits, '-', 1-63)");
    }
    leadership.leading().membership().admit(name, admission);
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
