package io.kafleet.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos scenario 5: a member's kube-apiserver is killed with SIGKILL and stays down for 60 s, then
 * starts again on the same port and etcd. Its agent reports the cluster unhealthy and
 * placement-service shows it NotReady; over the whole outage nothing is deleted (no tombstone on
 * its execution space, no object removed from it); what was applied meanwhile, changes and new
 * objects, reaches it once it is back, and nothing is lost or written twice.
 */
@ExtendWith(ChaosFleetExtension.class)
class MemberApiServerOutageIT {

  private static final String NAMESPACE = "chaos-outage";
  private static final String DOWN = "member2";
  private static final int OBJECTS = 40;
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @Test
  void aMemberApiServerDownForAMinuteLosesNothingAndCatchesUp(ChaosFleet fleet) {
    ChaosFleet.FleetMember member = fleet.member(DOWN);
    List<MemberWrites> writes = new ArrayList<>();
    for (ChaosFleet.FleetMember each : fleet.members()) {
      writes.add(MemberWrites.watch(each.name(), each.client(), NAMESPACE));
    }
    try {
      List<String> documents = new ArrayList<>(List.of(ChaosManifests.policy(NAMESPACE)));
      for (int i = 0; i < OBJECTS; i++) {
        documents.add(ChaosManifests.configMap(NAMESPACE, "cm-" + i, "before"));
      }
      applied(fleet, ChaosManifests.documents(documents));
      FleetEffects.awaitSettled(fleet, NAMESPACE, writes, OBJECTS * ChaosFleet.MEMBERS.size());
      Map<String, String> versionsBefore = resourceVersions(member);
      long tombstonesBefore = tombstones(fleet, member);

      member.apiServer().kill();
      await("the agent reports " + DOWN + " unhealthy and placement-service shows it NotReady")
          .atMost(ChaosFleet.PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> fleet.clusterReady(DOWN).equals(java.util.Optional.of(false)));
      System.out.println("while down, placement-service shows " + fleet.clusterStatus(DOWN));

      // Written while the member is down: half the objects changed, and new ones.
      List<String> meanwhile = new ArrayList<>();
      for (int i = 0; i < OBJECTS / 2; i++) {
        meanwhile.add(ChaosManifests.configMap(NAMESPACE, "cm-" + i, "during"));
      }
      for (int i = 0; i < OBJECTS / 4; i++) {
        meanwhile.add(ChaosManifests.configMap(NAMESPACE, "new-" + i, "during"));
      }
      applied(fleet, ChaosManifests.documents(meanwhile));

      // Absence over the whole outage: NotReady throughout, and no tombstone for the member.
      await("nothing deleted while " + DOWN + " is down")
          .during(OUTAGE)
          .atMost(OUTAGE.plus(ChaosFleet.PATIENCE))
          .pollInterval(Duration.ofSeconds(2))
          // A call that times out on a loaded machine proves nothing either way: look again.
          .ignoreExceptions()
          .until(
              () ->
                  tombstones(fleet, member) == tombstonesBefore
                      && fleet.clusterReady(DOWN).equals(java.util.Optional.of(false)));
      member.apiServer().restart();

      await(DOWN + " Ready again in placement-service")
          .atMost(ChaosFleet.PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> fleet.clusterReady(DOWN).equals(java.util.Optional.of(true)));
      int expectedWorks = (OBJECTS + OBJECTS / 4) * ChaosFleet.MEMBERS.size();
      FleetEffects effects = FleetEffects.awaitSettled(fleet, NAMESPACE, writes, expectedWorks);
      Map<String, String> versionsAfter = resourceVersions(member);
      Map<String, String> unchangedRewritten = new TreeMap<>();
      for (int i = OBJECTS / 2; i < OBJECTS; i++) {
        String name = "cm-" + i;
        if (!versionsBefore.get(name).equals(versionsAfter.get(name))) {
          unchangedRewritten.put(name, versionsBefore.get(name) + " -> " + versionsAfter.get(name));
        }
      }
      List<String> deleted = new ArrayList<>();
      writes.forEach(watch -> deleted.addAll(watch.deleted()));
      long tombstonesAfter = tombstones(fleet, member);
      System.out.println(
          effects.summary(DOWN + "'s kube-apiserver down for " + OUTAGE.toSeconds() + " s")
              + "; objects deleted "
              + deleted.size()
              + " (expected 0); tombstones written "
              + (tombstonesAfter - tombstonesBefore)
              + " (expected 0); unchanged objects rewritten "
              + unchangedRewritten.size()
              + " (expected 0)");
      assertThat(effects.workCount()).as("works committed").isEqualTo(expectedWorks);
      assertThat(effects.lost()).as("lost effects").isEmpty();
      assertThat(deleted).as("objects deleted from the members").isEmpty();
      assertThat(tombstonesAfter)
          .as("tombstones on %s", member.executionSpace())
          .isEqualTo(tombstonesBefore);
      assertThat(unchangedRewritten).as("unchanged objects rewritten").isEmpty();
      assertThat(effects.duplicatedWrites())
          .as("objects written twice for one generation")
          .isEmpty();
      assertThat(effects.duplicatedReports()).as("outcomes reported twice").isEmpty();
    } finally {
      writes.forEach(MemberWrites::close);
      if (!member.apiServer().running()) {
        member.apiServer().restart();
      }
    }
  }

  private static void applied(ChaosFleet fleet, String yaml) {
    HttpResponse<String> response = fleet.apply(yaml);
    assertThat(response.statusCode()).as("apply: %s", response.body()).isEqualTo(200);
  }

  private static Map<String, String> resourceVersions(ChaosFleet.FleetMember member) {
    Map<String, String> versions = new TreeMap<>();
    try (KubernetesClient client = member.client()) {
      for (ConfigMap map : client.configMaps().inNamespace(NAMESPACE).list().getItems()) {
        versions.put(map.getMetadata().getName(), map.getMetadata().getResourceVersion());
      }
    }
    return versions;
  }

  private static long tombstones(ChaosFleet fleet, ChaosFleet.FleetMember member) {
    return fleet.readAll(member.executionSpace()).stream()
        .filter(record -> record.value() == null)
        .map(ConsumerRecord::key)
        .count();
  }
}
