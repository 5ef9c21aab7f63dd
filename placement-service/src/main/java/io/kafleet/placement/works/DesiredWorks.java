package io.kafleet.placement.works;

import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.overrides.Overrides;
import io.kafleet.placement.scheduling.ClusterDecision;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PropagationOptions;
import io.kafleet.placement.scheduling.Scheduler;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every work the fleet should hold, a pure function of the templates, policies, override policies
 * and clusters: each template scheduled; the dependencies of workloads whose policy propagates them
 * added to the workloads' clusters; then each copy placed in the namespace its policy asks for,
 * overridden for its cluster, and rendered.
 *
 * <p>A copy the overrides cannot be applied to is held: that cluster keeps what it has (nothing
 * changes there) and the plan says why. So is a copy that would land on an object another template
 * already is in that cluster (a KubeVela topology namespace can bring two together); the template
 * that is there by its own key, or else the first by key, keeps it.
 */
public final class DesiredWorks {

  /** A template as submitted, with its identity. */
  public record Template(TemplateRef ref, JsonNode manifest) {}

  /**
   * A copy of a template a cluster should have but does not get as rendered.
   *
   * @param source the stored object whose content is the reason (an override policy, or the policy
   *     that placed the copy)
   * @param field where in that object
   */
  public record Held(WorkId id, ObjectKey template, ObjectKey source, String field, String reason) {

    /** In words, for explain and errors. */
    public String describe() {
      return "not updated in " + id.cluster() + ": " + source + " " + field + ": " + reason;
    }
  }

  /**
   * Everything decided for one template.
   *
   * @param placement where it goes and why, dependencies followed included
   * @param overrides per cluster, the override policies that changed its copy there
   */
  public record Plan(
      Template template,
      Placement placement,
      List<RenderedWork> works,
      Map<String, List<ObjectKey>> overrides,
      List<Held> held) {

    public Plan {
      works = List.copyOf(works);
      held = List.copyOf(held);
    }
  }

  /** The plans of every template, in template key order. */
  public record Desired(List<Plan> plans) {

    public Desired {
      plans = List.copyOf(plans);
    }

    public List<RenderedWork> works() {
      return plans.stream().flatMap(plan -> plan.works().stream()).toList();
    }

    public List<Held> held() {
      return plans.stream().flatMap(plan -> plan.held().stream()).toList();
    }

    public Optional<Plan> plan(ObjectKey template) {
      return plans.stream().filter(p -> p.template().ref().key().equals(template)).findFirst();
    }
  }

  /**
   * A dependency's reason to be in the clusters of a workload.
   *
   * @param clusters the workload's selected clusters
   */
  public record Follow(ObjectKey workload, PlacementPolicy policy, List<String> clusters) {}

  /** A workload's reason for one dependency to follow it. */
  public record DependencyFollow(ObjectKey dependency, Follow follow) {}

  /** Who places a copy in a cluster, and with what options. */
  private record PlacedBy(Optional<ObjectKey> policy, PropagationOptions options) {}

  private DesiredWorks() {}

  /**
   * Every template's plan at once. The fleet's model keeps the same plans one template at a time,
   * through {@link #plan}, {@link #followsOf} and {@link #withoutCollisions}.
   */
  public static Desired compute(
      Collection<Template> templates,
      Collection<PlacementPolicy> policies,
      Collection<OverridePolicy> overrides,
      Collection<MemberState> clusters) {
    List<Template> sorted =
        templates.stream().sorted(Comparator.comparing(t -> t.ref().key().toString())).toList();
    Map<ObjectKey, PlacementPolicy> policiesById =
        policies.stream().collect(Collectors.toMap(PlacementPolicy::id, Function.identity()));
    Map<String, MemberState> members =
        clusters.stream().collect(Collectors.toMap(MemberState::name, Function.identity()));

    Map<ObjectKey, Placement> placements = new LinkedHashMap<>();
    for (Template template : sorted) {
      placements.put(template.ref().key(), Scheduler.place(template.ref(), policies, clusters));
    }
    Map<ObjectKey, List<Follow>> follows = new HashMap<>();
    for (Template workload : sorted) {
      Placement placement = placements.get(workload.ref().key());
      for (DependencyFollow follow :
          followsOf(workload, placement, placement.policy().map(policiesById::get))) {
        if (placements.containsKey(follow.dependency())) {
          follows.computeIfAbsent(follow.dependency(), k -> new ArrayList<>()).add(follow.follow());
        }
      }
    }

    List<Plan> plans = new ArrayList<>();
    Map<WorkId, ObjectKey> claims = new HashMap<>();
    for (Template template : sorted) {
      ObjectKey key = template.ref().key();
      Plan plan =
          plan(
              template,
              placements.get(key),
              follows.getOrDefault(key, List.of()),
              policiesById::get,
              overrides,
              members);
      plans.add(plan);
      for (RenderedWork work : plan.works()) {
        WorkId id = new WorkId(work.cluster(), work.key());
        // The first by key keeps the object, unless a later one is that object by its own key.
        claims.merge(id, key, (first, later) -> later.equals(id.key()) ? later : first);
      }
    }
    return new Desired(plans.stream().map(plan -> withoutCollisions(plan, claims::get)).toList());
  }

  /**
   * What the workload asks of its dependencies: to follow it to its clusters, when the policy that
   * placed it propagates dependencies; nothing otherwise.
   */
  public static List<DependencyFollow> followsOf(
      Template workload, Placement placement, Optional<PlacementPolicy> policy) {
    if (policy.isEmpty() || !policy.get().options().propagateDeps()) {
      return List.of();
    }
    List<DependencyFollow> follows = new ArrayList<>();
    for (ObjectKey dependency : Dependencies.of(workload.ref().key(), workload.manifest())) {
      follows.add(
          new DependencyFollow(
              dependency,
              new Follow(workload.ref().key(), policy.get(), placement.selectedClusters())));
    }
    return follows;
  }

  /**
   * One template's plan before collisions with other templates are settled: its own placement,
   * widened by the workloads it follows, each copy overridden for its cluster and rendered.
   *
   * @param follows the workloads it follows, first by workload key
   * @param policies the placement policy of an id
   * @param overrides the override policies that may concern it (others are skipped anyway)
   */
  public static Plan plan(
      Template template,
      Placement own,
      List<Follow> follows,
      Function<ObjectKey, PlacementPolicy> policies,
      Collection<OverridePolicy> overrides,
      Map<String, MemberState> members) {
    ObjectKey key = template.ref().key();
    Placement placement = withFollows(own, follows);
    List<RenderedWork> works = new ArrayList<>();
    Map<String, List<ObjectKey>> applied = new LinkedHashMap<>();
    List<Held> held = new ArrayList<>();
    for (String cluster : placement.selectedClusters()) {
      PlacedBy placedBy = placedBy(own, follows, cluster, policies);
      ObjectKey landing = landing(key, placedBy.options());
      WorkId id = new WorkId(cluster, landing);
      ObjectNode copy =
          WorkRenderer.prepare(
              ReplicaShare.apply(template.manifest(), own.replicasOf(cluster)), landing);
      Overrides.Outcome outcome =
          Overrides.apply(copy, template.ref(), placedBy.policy(), members.get(cluster), overrides);
      if (outcome instanceof Overrides.Outcome.Failed failed) {
        held.add(new Held(id, key, failed.policy(), failed.field(), failed.reason()));
        continue;
      }
      Overrides.Outcome.Applied done = (Overrides.Outcome.Applied) outcome;
      works.add(
          WorkRenderer.render(
              done.manifest(),
              landing,
              template.ref().apiVersion(),
              cluster,
              placedBy.policy(),
              placedBy.options()));
      applied.put(cluster, done.policies());
    }
    return new Plan(template, placement, works, applied, held);
  }

  /**
   * Which of the templates whose copies land on one object in one cluster keeps it: the template
   * that is that object by its own key, or else the first by key.
   */
  public static ObjectKey owner(WorkId id, Collection<ObjectKey> claimants) {
    if (claimants.contains(id.key())) {
      return id.key();
    }
    return claimants.stream().min(Comparator.comparing(ObjectKey::toString)).orElseThrow();
  }

  /** The template's own placement, with the clusters it is in because a workload needs it. */
  private static Placement withFollows(Placement own, List<Follow> follows) {
    if (follows.isEmpty()) {
      return own;
    }
    List<ClusterDecision> decisions = new ArrayList<>();
    for (ClusterDecision decision : own.clusters()) {
      Optional<Follow> follow =
          follows.stream().filter(f -> f.clusters().contains(decision.cluster())).findFirst();
      if (!(decision instanceof ClusterDecision.Selected) && follow.isPresent()) {
        decisions.add(
            new ClusterDecision.Selected(
                decision.cluster(),
                "follows "
                    + follow.get().workload()
                    + " (propagateDeps of "
                    + follow.get().policy().id()
                    + "); by itself: "
                    + decision.reason()));
      } else {
        decisions.add(decision);
      }
    }
    String workloads =
        follows.stream().map(f -> f.workload().toString()).collect(Collectors.joining(", "));
    return new Placement(
        own.template(),
        own.policy(),
        own.rule() + "; a dependency of " + workloads + ", it follows them to their clusters",
        own.passedOver(),
        decisions,
        own.affinityGroup(),
        own.basis(),
        own.reviewAt());
  }

  /**
   * The template's own policy where it selects the cluster; elsewhere, the policy of the first
   * workload it follows there.
   */
  private static PlacedBy placedBy(
      Placement own,
      List<Follow> follows,
      String cluster,
      Function<ObjectKey, PlacementPolicy> policies) {
    if (own.selectedClusters().contains(cluster) || follows.isEmpty()) {
      return new PlacedBy(
          own.policy(),
          own.policy()
              .map(policies)
              .map(PlacementPolicy::options)
              .orElse(PropagationOptions.DEFAULT));
    }
    Follow follow =
        follows.stream().filter(f -> f.clusters().contains(cluster)).findFirst().orElseThrow();
    return new PlacedBy(Optional.of(follow.policy().id()), follow.policy().options());
  }

  private static ObjectKey landing(ObjectKey key, PropagationOptions options) {
    if (key.clusterScoped() || options.targetNamespace().isEmpty()) {
      return key;
    }
    return new ObjectKey(key.group(), key.kind(), options.targetNamespace().get(), key.name());
  }

  /**
   * The plan with each copy that another template keeps (see {@link #owner}) held instead.
   *
   * @param owners the template that keeps the object at each work id the plan renders
   */
  public static Plan withoutCollisions(Plan plan, Function<WorkId, ObjectKey> owners) {
    ObjectKey key = plan.template().ref().key();
    List<RenderedWork> works = new ArrayList<>();
    List<Held> held = new ArrayList<>(plan.held());
    for (RenderedWork work : plan.works()) {
      WorkId id = new WorkId(work.cluster(), work.key());
      ObjectKey owner = owners.apply(id);
      if (owner.equals(key)) {
        works.add(work);
      } else {
        held.add(
            new Held(
                id,
                key,
                work.policy().orElse(key),
                "topology properties.namespace",
                "lands as " + work.key() + ", which is " + owner + " in that cluster"));
      }
    }
    return new Plan(plan.template(), plan.placement(), works, plan.overrides(), held);
  }
}
