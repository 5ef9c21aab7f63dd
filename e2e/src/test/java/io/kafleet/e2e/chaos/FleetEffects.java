package io.kafleet.e2e.chaos;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the fleet did for one namespace, counted from outside: the works placement-service committed
 * to each member's execution space, the objects in each member's API server, and the agents'
 * reports on their status topics.
 *
 * @param works the works committed, per member, by object key
 * @param lost works missing from their member, or there with another content hash
 * @param notApplied works whose member's latest report is not Applied for their content
 * @param duplicatedWrites objects written twice for one content hash (seen by the watches)
 * @param duplicatedReports reports of the same outcome (object, generation, content, phase, health)
 *     beyond the first
 */
record FleetEffects(
    Map<String, Map<String, Work>> works,
    List<String> lost,
    List<String> notApplied,
    Map<String, List<String>> duplicatedWrites,
    Map<String, Integer> duplicatedReports) {

  /** Counts now. */
  static FleetEffects count(ChaosFleet fleet, String namespace, List<MemberWrites> writes) {
    String prefix = "core/ConfigMap/" + namespace + "/";
    Map<String, Map<String, Work>> works = new TreeMap<>();
    List<String> lost = new ArrayList<>();
    List<String> notApplied = new ArrayList<>();
    Map<String, Integer> duplicatedReports = new TreeMap<>();
    for (ChaosFleet.FleetMember member : fleet.members()) {
      Map<String, Work> committed = new TreeMap<>();
      fleet
          .latest(member.executionSpace(), Work.class)
          .forEach(
              (key, work) -> {
                if (key.startsWith(prefix) && work != null) {
                  committed.put(key, work);
                }
              });
      works.put(member.name(), committed);

      Map<String, String> live = new HashMap<>();
      try (KubernetesClient client = member.client()) {
        for (ConfigMap map : client.configMaps().inNamespace(namespace).list().getItems()) {
          Map<String, String> annotations = map.getMetadata().getAnnotations();
          live.put(
              prefix + map.getMetadata().getName(),
              annotations == null ? null : annotations.get(MemberWrites.CONTENT_HASH));
        }
      }
      Map<String, WorkStatus> reported = new HashMap<>();
      Map<String, Integer> outcomes = new HashMap<>();
      for (ConsumerRecord<String, Object> record : fleet.readAll(member.statusTopic())) {
        if (record.value() instanceof StatusEvent event
            && event.getPayload() instanceof WorkStatus status
            && status.getObjectKey().startsWith(prefix)) {
          reported.put(status.getObjectKey(), status);
          String outcome =
              member.name()
                  + "/"
                  + status.getObjectKey()
                  + "@"
                  + status.getAppliedGeneration()
                  + "/"
                  + status.getAppliedHash()
                  + "/"
                  + status.getPhase()
                  + "/"
                  + status.getHealth();
          outcomes.merge(outcome, 1, Integer::sum);
        }
      }
      outcomes.forEach(
          (outcome, times) -> {
            if (times > 1) {
              duplicatedReports.put(outcome, times - 1);
            }
          });
      committed.forEach(
          (key, work) -> {
            if (!work.getContentHash().equals(live.get(key))) {
              lost.add(member.name() + "/" + key);
            }
            WorkStatus status = reported.get(key);
            if (status == null
                || status.getPhase() != WorkPhase.Applied
                || !work.getContentHash().equals(status.getAppliedHash())) {
              notApplied.add(member.name() + "/" + key + " (latest report: " + status + ")");
            }
          });
    }
    Map<String, List<String>> duplicatedWrites = new TreeMap<>();
    writes.forEach(watch -> duplicatedWrites.putAll(watch.duplicates()));
    return new FleetEffects(works, lost, notApplied, duplicatedWrites, duplicatedReports);
  }

  /**
   * Waits until every work committed for the namespace is in its member with its content and
   * reported Applied, and at least {@code expectedWorks} works are committed; returns the count.
   */
  static FleetEffects awaitSettled(
      ChaosFleet fleet, String namespace, List<MemberWrites> writes, int expectedWorks) {
    return await("every work of " + namespace + " in its member and reported Applied")
        .atMost(ChaosFleet.PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> count(fleet, namespace, writes),
            effects ->
                effects.workCount() >= expectedWorks
                    && effects.lost().isEmpty()
                    && effects.notApplied().isEmpty());
  }

  int workCount() {
    return works.values().stream().mapToInt(Map::size).sum();
  }

  int duplicatedWriteCount() {
    return duplicatedWrites.values().stream().mapToInt(versions -> versions.size() - 1).sum();
  }

  int duplicatedReportCount() {
    return duplicatedReports.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One line for the test's output: what was expected and what was seen. */
  String summary(String scenario) {
    return String.format(
        "%s: %d works committed (%s); lost %d (expected 0); duplicated writes %d (expected 0);"
            + " duplicated reports %d (expected 0); not Applied %d",
        scenario,
        workCount(),
        works.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList(),
        lost.size(),
        duplicatedWriteCount(),
        duplicatedReportCount(),
        notApplied.size());
  }
}
