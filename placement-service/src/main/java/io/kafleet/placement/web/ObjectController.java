package io.kafleet.placement.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kafleet.placement.handlers.StoredSummary;
import io.kafleet.placement.handlers.TemplatesHandler;
import io.kafleet.placement.kafka.Leadership;
import io.kafleet.placement.scheduling.ClusterDecision;
import io.kafleet.placement.scheduling.EvictionTask;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.works.DesiredWorks.Held;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.placement.works.RenderedWork;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * One stored object, addressed by its key: {@code
 * /api/v1/objects/{group}/{kind}/{namespace}/{name}}.
 */
@RestController
class ObjectController {

  /** {@code explain}'s answer, shaped for people and scripts alike. */
  record Explanation(
      String objectKey,
      String policy,
      String rule,
      List<String> passedOver,
      List<ClusterVerdict> clusters,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Eviction> evictions) {

    /**
     * A cluster the template was evicted from that keeps its works for now.
     *
     * @param works until when, and on what condition, the works stay
     */
    record Eviction(String cluster, Instant since, String reason, String works) {
      static Eviction of(EvictionTask task) {
        return new Eviction(
            task.cluster(),
            task.since(),
            task.reason(),
            task.deadline() == null
                ? "kept until someone removes them"
                : "kept until the template is healthy where it went, or until "
                    + task.deadline()
                    + " (grace period)");
      }
    }

    /**
     * @param landsAs the object's key in the cluster, when it is not the template's
     * @param overrides the override policies that change the cluster's copy, in the order applied
     * @param notUpdated why the cluster keeps what it has instead of the current template, or null
     */
    record ClusterVerdict(
        String cluster,
        boolean selected,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String landsAs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overrides,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String notUpdated) {}

    static Explanation of(Plan plan, List<EvictionTask> evictions) {
      Placement placement = plan.placement();
      ObjectKey template = placement.template();
      return new Explanation(
          template.toString(),
          placement.policy().map(ObjectKey::toString).orElse(null),
          placement.rule(),
          placement.passedOver(),
          placement.clusters().stream().map(decision -> verdict(plan, decision, template)).toList(),
          evictions.stream().map(Eviction::of).toList());
    }

    private static ClusterVerdict verdict(Plan plan, ClusterDecision decision, ObjectKey template) {
      String cluster = decision.cluster();
      ObjectKey landsAs =
          Stream.concat(
                  plan.works().stream()
                      .filter(work -> work.cluster().equals(cluster))
                      .map(RenderedWork::key),
                  plan.held().stream()
                      .filter(held -> held.id().cluster().equals(cluster))
                      .map(held -> held.id().key()))
              .findFirst()
              .orElse(template);
      return new ClusterVerdict(
          cluster,
          decision instanceof ClusterDecision.Selected,
          decision.reason(),
          landsAs.equals(template) ? null : landsAs.toString(),
          plan.overrides().getOrDefault(cluster, List.of()).stream()
              .map(ObjectKey::toString)
              .toList(),
          plan.held().stream()
              .filter(held -> held.id().cluster().equals(cluster))
              .map(Held::describe)
              .findFirst()
              .orElse(null));
    }
  }

  private final Leadership leadership;

  ObjectController(Leadership leadership) {
    this.leadership = leadership;
  }

  @GetMapping("/api/v1/explain/{group}/{kind}/{namespace}/{name}")
  Explanation explain(
      @PathVariable String group,
      @PathVariable String kind,
      @PathVariable String namespace,
      @PathVariable String name) {
    ObjectKey key = new ObjectKey(group, kind, namespace, name);
    TemplatesHandler templates = leadership.leading().templates();
    return templates
        .explain(key)
        .map(plan -> Explanation.of(plan, templates.evictionsOf(key)))
        .orElseThrow(() -> notFound(key));
  }

  /** Every stored template and policy; filters as kubectl's: by kind and namespace. */
  @GetMapping("/api/v1/objects")
  List<StoredSummary> list(
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String namespace) {
    return leadership.leading().templates().list().stream()
        .filter(
            summary -> {
              ObjectKey key = ObjectKey.parse(summary.objectKey());
              return (kind == null || key.kind().equalsIgnoreCase(kind))
                  && (namespace == null || key.namespace().equals(namespace));
            })
        .toList();
  }

  @GetMapping("/api/v1/objects/{group}/{kind}/{namespace}/{name}")
  StoredSummary get(
      @PathVariable String group,
      @PathVariable String kind,
      @PathVariable String namespace,
      @PathVariable String name) {
    ObjectKey key = new ObjectKey(group, kind, namespace, name);
    return leadership.leading().templates().summary(key).orElseThrow(() -> notFound(key));
  }

  /** The stored document, as applied (a Secret's values withheld): the console shows it as YAML. */
  @GetMapping("/api/v1/objects/{group}/{kind}/{namespace}/{name}/manifest")
  JsonNode manifest(
      @PathVariable String group,
      @PathVariable String kind,
      @PathVariable String namespace,
      @PathVariable String name) {
    ObjectKey key = new ObjectKey(group, kind, namespace, name);
    return leadership
        .leading()
        .templates()
        .find(key)
        .map(stored -> ShownManifest.of(key.toString(), stored.document()))
        .orElseThrow(() -> notFound(key));
  }

  @DeleteMapping("/api/v1/objects/{group}/{kind}/{namespace}/{name}")
  @ResponseStatus(HttpStatus.OK)
  Map<String, String> delete(
      @PathVariable String group,
      @PathVariable String kind,
      @PathVariable String namespace,
      @PathVariable String name) {
    ObjectKey key = new ObjectKey(group, kind, namespace, name);
    if (!leadership.leading().templates().delete(key)) {
      throw notFound(key);
    }
    return Map.of("objectKey", key.toString(), "result", "deleted");
  }

  private static ResponseStatusException notFound(ObjectKey key) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, key + " is not stored in the fleet");
  }
}
