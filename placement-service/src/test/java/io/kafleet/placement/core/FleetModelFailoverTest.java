package io.kafleet.placement.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.Health;
import io.kafleet.events.PlacementChanged;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.Taint;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster failover in the fleet model: a cluster not ready for longer than the toleration loses its
 * templates, whose works there stay until the template is healthy where it went (or the grace
 * period passes) and are then removed though the cluster is still not ready; a shorter blip moves
 * nothing; a cluster that comes back gets nothing back.
 */
class FleetModelFailoverTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final ObjectKey WEB = ObjectKey.parse("apps/Deployment/default/web");
  private static final ObjectKey PINNED = ObjectKey.parse("core/ConfigMap/default/pinned");

  private static final String FLEET =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 10
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: pinned}
      data: {where: member1 only}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: web}
      spec:
        resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
        placement:
          clusterAffinity: {clusterNames: [member1, member2, member3]}
          replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: pinned}
      spec:
        resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: pinned}]
        placement:
          clusterAffinity: {clusterNames: [member1]}
      """;

  private static final Pattern REPLICAS = Pattern.compile("\"replicas\":(\\d+)");

  private static final ObjectKey API = ObjectKey.parse("apps/Deployment/default/api");

  /** Karmada's application failover example, with a shorter toleration and grace period. */
  private static final String API_WITH_FAILOVER =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api}
      spec:
        replicas: 6
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec: {containers: [{name: api, image: nginx}]}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: api}
      spec:
        resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: api}]
        placement:
          clusterAffinity: {clusterNames: [member1, member2, member3]}
          replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
        failover:
          application:
            decisionConditions: {tolerationSeconds: 60}
            purgeMode: Gracefully
            gracePeriodSeconds: 120
      """;

  private final MutableClock clock = new MutableClock(T0);
  private final Map<String, Map<String, WorkStatus>> reports = new HashMap<>();
  private final Map<String, MemberState> members = new TreeMap<>();
  private FleetModel model;

  @BeforeEach
  void fleet() {
    model =
        new FleetModel(
            TemplateRenderer.DESIRED_WORKS,
            new SecretSealing(false, new byte[32]),
            key -> reports.getOrDefault(key, Map.of()),
            clock,
            Duration.ofMinutes(10));
    for (String name : List.of("member1", "member2", "member3")) {
      members.put(name, new MemberState(name, Map.of(), true, true));
    }
    model.loadMembers(members, Map.of());
    apply(FLEET);
    assertThat(model.worksOf(WEB)).containsOnlyKeys("member1", "member2", "member3");
    assertThat(model.worksOf(PINNED)).containsOnlyKeys("member1");
  }

  @Test
  void aBlipShorterThanTheTolerationMovesNothing() {
    Decision down = clusters(notReady("member1", T0.plusSeconds(10)));
    clock.set(T0.plusSeconds(10 + 299));
    Decision reviewed = reviewDue();
    Decision back = clusters(new MemberState("member1", Map.of(), true, true));

    for (Decision decision : List.of(down, reviewed, back)) {
      assertThat(decision.workChanges()).isEmpty();
      assertThat(placementChanges(decision)).isEmpty();
    }
    assertThat(model.worksOf(WEB)).containsOnlyKeys("member1", "member2", "member3");
    assertThat(model.explain(WEB).orElseThrow().placement().clusters().get(0).reason())
        .doesNotContain("evicted");
  }

  @Test
  void
      aClusterNotReadyLongerThanTheTolerationIsEvictedAndKeepsItsWorksUntilTheReplacementsAreHealthy() {
    clusters(notReady("member1", T0.plusSeconds(10)));
    assertThat(
            model.explain(WEB).orElseThrow().placement().clusters().stream()
                .filter(c -> c.cluster().equals("member1"))
                .findFirst()
                .orElseThrow()
                .reason())
        .as("kept while tolerated")
        .contains("kept while taint cluster.karmada.io/not-ready:NoExecute is tolerated")
        .contains("until 2026-12-03T10:05:10Z (tolerationSeconds 300)");

    clock.set(T0.plusSeconds(309));
    assertThat(reviewDue().workChanges()).as("1 s before the toleration runs out").isEmpty();

    clock.set(T0.plusSeconds(310));
    Decision evicted = reviewDue();

    assertThat(placementChanges(evicted))
        .extracting(p -> p.getObjectKey() + " " + p.getChange() + " " + p.getCluster())
        .containsExactlyInAnyOrder(WEB + " Evicted member1", PINNED + " Evicted member1");
    assertThat(placementChanges(evicted).get(0).getMessage())
        .contains("not ready since 2026-12-03T10:00:10Z, longer than the 300 s tolerated");
    assertThat(removals(evicted)).as("member1 keeps its works for now").isEmpty();
    assertThat(evicted.workChanges())
        .extracting(change -> change.id().cluster())
        .as("member1's replicas go to member2 and member3")
        .containsExactlyInAnyOrder("member2", "member3");
    assertThat(replicas("member2") + replicas("member3")).isEqualTo(10);
    assertThat(evicted.intents()).anyMatch(Intent.PutSchedule.class::isInstance);

    healthy(WEB, "member2");
    assertThat(statusesOf(WEB).workChanges()).as("member3 has not reported yet").isEmpty();
    healthy(WEB, "member3");
    Decision released = statusesOf(WEB);

    assertThat(placementChanges(released))
        .extracting(p -> p.getChange() + " " + p.getCluster() + " " + p.getPlacedIn())
        .containsExactly("Released member1 [member2, member3]");
    assertThat(removals(released))
        .as("tombstoned though member1 is still not ready: its agent deletes them when back")
        .containsExactly("member1 " + WEB);
    assertThat(model.evictionsOf(WEB)).isEmpty();

    assertThat(model.evictionsOf(PINNED))
        .as("placed nowhere else: held for the grace period")
        .hasSize(1);
    clock.set(T0.plusSeconds(310 + 599));
    assertThat(removals(reviewDue())).isEmpty();
    clock.set(T0.plusSeconds(310 + 600));
    Decision lapsed = reviewDue();
    assertThat(placementChanges(lapsed))
        .extracting(p -> p.getChange() + " " + p.getCluster())
        .containsExactly("Released member1");
    assertThat(removals(lapsed)).containsExactly("member1 " + PINNED);

    Decision back = clusters(new MemberState("member1", Map.of(), true, true));
    assertThat(back.workChanges())
        .extracting(change -> change.id().toString())
        .as("web stays where it went; pinned, placed nowhere, goes where its policy allows")
        .containsExactly(new WorkId("member1", PINNED).toString());
    assertThat(model.worksOf(WEB)).containsOnlyKeys("member2", "member3");
  }

  @Test
  void aClusterBackWithinTheGracePeriodKeepsTheTemplatesThatCouldGoNowhereElse() {
    clusters(notReady("member1", T0));
    clock.set(T0.plusSeconds(300));
    reviewDue();
    healthy(WEB, "member2");
    healthy(WEB, "member3");
    statusesOf(WEB);
    assertThat(model.evictionsOf(PINNED)).hasSize(1);

    clock.set(T0.plusSeconds(400));
    Decision back = clusters(new MemberState("member1", Map.of(), true, true));

    assertThat(back.workChanges()).as("pinned's work is still there: nothing to write").isEmpty();
    assertThat(placementChanges(back))
        .extracting(p -> p.getObjectKey() + " " + p.getChange() + " " + p.getMessage())
        .containsExactly(PINNED + " Released placed in member1 again: nothing to evict");
    assertThat(model.evictionsOf(PINNED)).isEmpty();
    assertThat(model.worksOf(PINNED)).containsOnlyKeys("member1");
    assertThat(model.worksOf(WEB))
        .as("web stays where it went")
        .containsOnlyKeys("member2", "member3");
  }

  @Test
  void anApplicationUnhealthyLongerThanItsToleranceMovesAndItsWorksStayUntilHealthyElsewhere() {
    apply(API_WITH_FAILOVER);
    report(API, "member1", Health.Unhealthy);
    assertThat(placementChanges(statusesOf(API))).as("unhealthy since now").isEmpty();
    clock.set(T0.plusSeconds(59));
    assertThat(placementChanges(reviewDue())).isEmpty();

    clock.set(T0.plusSeconds(60));
    Decision failedOver = reviewDue();

    assertThat(placementChanges(failedOver))
        .extracting(p -> p.getChange() + " " + p.getCluster() + " " + p.getPlacedIn())
        .containsExactly("Evicted member1 [member2, member3]");
    assertThat(placementChanges(failedOver).get(0).getMessage())
        .isEqualTo(
            "application failover: unhealthy since 2026-12-03T10:00:00Z, longer than the 60 s"
                + " tolerated; purgeMode Gracefully");
    assertThat(removals(failedOver)).as("kept until healthy elsewhere").isEmpty();
    assertThat(model.explain(API).orElseThrow().placement().selectedClusters())
        .containsExactly("member2", "member3");

    report(API, "member2", Health.Healthy);
    report(API, "member3", Health.Healthy);
    Decision released = statusesOf(API);
    assertThat(placementChanges(released))
        .extracting(p -> p.getChange() + " " + p.getCluster())
        .containsExactly("Released member1");
    assertThat(removals(released)).containsExactly("member1 " + API);
  }

  @Test
  void aDecisionTakenBackTakesItsEvictionsBackToo() {
    clusters(notReady("member1", T0));
    clock.set(T0.plusSeconds(300));
    model.reviewDue();
    model.rollback();

    assertThat(model.evictionsOf(WEB)).isEmpty();
    assertThat(placementChanges(reviewDue())).as("decided again at the next review").hasSize(2);
  }

  private Decision apply(String yaml) {
    Map<Submission, Long> changed = new LinkedHashMap<>();
    for (Submission submission : Submissions.read("fleet.yaml", yaml, Integer.MAX_VALUE)) {
      model.nextGeneration(submission).ifPresent(g -> changed.put(submission, g));
    }
    Decision decision = model.store(changed, List.of(), List.of());
    model.confirm();
    return decision;
  }

  private Decision clusters(MemberState changed) {
    members.put(changed.name(), changed);
    Decision decision = model.membersChanged(members, Map.of(), List.of());
    model.confirm();
    return decision;
  }

  private Decision reviewDue() {
    Decision decision = model.reviewDue();
    model.confirm();
    return decision;
  }

  private Decision statusesOf(ObjectKey template) {
    Decision decision = model.statusesOf(List.of(template));
    model.confirm();
    return decision;
  }

  private static MemberState notReady(String name, Instant since) {
    return new MemberState(
        name,
        Map.of(),
        true,
        false,
        null,
        null,
        null,
        List.of(new Taint(Taint.NOT_READY, null, Taint.Effect.NoExecute, since)),
        Optional.empty());
  }

  /** The cluster's agent reports the template's current work applied and healthy. */
  private void healthy(ObjectKey template, String cluster) {
    report(template, cluster, Health.Healthy);
  }

  /** The cluster's agent reports the template's current work applied, with this health. */
  private void report(ObjectKey template, String cluster, Health health) {
    reports
        .computeIfAbsent(template.toString(), k -> new HashMap<>())
        .put(
            cluster,
            WorkStatus.newBuilder()
                .setCluster(cluster)
                .setObjectKey(template.toString())
                .setAppliedHash(model.worksOf(template).get(cluster))
                .setAppliedGeneration(1L)
                .setPhase(WorkPhase.Applied)
                .setHealth(health)
                .setLiveSummary(Map.of())
                .setReportedAt(clock.instant())
                .build());
  }

  private int replicas(String cluster) {
    return model.desiredWorks().stream()
        .filter(work -> work.key().equals(WEB) && work.cluster().equals(cluster))
        .mapToInt(
            work -> {
              Matcher replicas = REPLICAS.matcher(work.manifest());
              assertThat(replicas.find()).as("replicas in %s", work.manifest()).isTrue();
              return Integer.parseInt(replicas.group(1));
            })
        .findFirst()
        .orElseThrow();
  }

  private static List<PlacementChanged> placementChanges(Decision decision) {
    return decision.intents().stream()
        .filter(Intent.Publish.class::isInstance)
        .map(intent -> ((Intent.Publish) intent).payload())
        .filter(PlacementChanged.class::isInstance)
        .map(PlacementChanged.class::cast)
        .toList();
  }

  private static List<String> removals(Decision decision) {
    return decision.workChanges().stream()
        .filter(WorkChange.Remove.class::isInstance)
        .map(change -> change.id().cluster() + " " + change.id().key())
        .toList();
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
