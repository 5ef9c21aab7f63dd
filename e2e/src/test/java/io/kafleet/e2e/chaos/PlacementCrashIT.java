package io.kafleet.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.StoredObject;
import io.kafleet.events.Work;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos scenario 2: placement-service, in its own JVM, killed with SIGKILL twice while applies
 * stream in: right after a request was sent (its transaction may be open), and right after an apply
 * was answered (its works just committed, the agents applying them) with the next request in
 * flight. After each kill it is started again. The fleet must hold each apply entirely or not at
 * all: every stored template has its works, matching its generation, in every member it goes to,
 * and no work is without its template; an apply that was answered 200 is never lost; and in the
 * members nothing is lost or written twice.
 */
@ExtendWith(ChaosFleetExtension.class)
class PlacementCrashIT {

  private static final String NAMESPACE = "chaos-placement";
  private static final int OBJECTS_PER_APPLY = 20;

  private final Map<String, CompletableFuture<HttpResponse<String>>> applies =
      new LinkedHashMap<>();

  @Test
  void killedDuringAppliesItHoldsEachApplyWholeOrNotAtAll(ChaosFleet fleet) throws Exception {
    List<MemberWrites> writes = new ArrayList<>();
    for (ChaosFleet.FleetMember member : fleet.members()) {
      writes.add(MemberWrites.watch(member.name(), member.client(), NAMESPACE));
    }
    try {
      HttpResponse<String> policy = fleet.apply(ChaosManifests.policy(NAMESPACE));
      assertThat(policy.statusCode()).as("the policy's apply: %s", policy.body()).isEqualTo(200);

      // 1: killed right after a request was sent, its transaction perhaps open.
      answered(fleet, send(fleet, "a"));
      send(fleet, "b");
      killAndRestart(fleet);

      // 2: killed right after an answer, while the agents apply its works, with the next request
      // in flight.
      CompletableFuture<HttpResponse<String>> c = send(fleet, "c");
      send(fleet, "d");
      answered(fleet, c);
      killAndRestart(fleet);

      // The restarted service serves again.
      answered(fleet, send(fleet, "e"));

      Map<String, Integer> storedPerApply = new TreeMap<>();
      Map<String, StoredObject> templates = templates(fleet);
      for (String apply : applies.keySet()) {
        int stored = 0;
        for (String name : names(apply)) {
          if (templates.containsKey(ChaosManifests.objectKey(NAMESPACE, name))) {
            stored++;
          }
        }
        storedPerApply.put(apply + " (" + outcome(applies.get(apply)) + ")", stored);
      }
      System.out.println(
          "placement-service killed twice; templates stored per apply (of "
              + OBJECTS_PER_APPLY
              + "): "
              + storedPerApply);
      storedPerApply.forEach(
          (apply, stored) ->
              assertThat(stored)
                  .as("templates stored of apply %s: all or none", apply)
                  .isIn(0, OBJECTS_PER_APPLY));
      applies.forEach(
          (apply, answer) -> {
            if (outcome(answer).equals("200")) {
              assertThat(storedPerApply.get(apply + " (200)"))
                  .as("templates stored of apply %s, answered 200", apply)
                  .isEqualTo(OBJECTS_PER_APPLY);
            }
          });

      FleetEffects effects =
          FleetEffects.awaitSettled(
              fleet, NAMESPACE, writes, templates.size() * ChaosFleet.MEMBERS.size());
      List<String> withoutWork = new ArrayList<>();
      List<String> withoutTemplate = new ArrayList<>();
      for (ChaosFleet.FleetMember member : fleet.members()) {
        Map<String, Work> works = effects.works().get(member.name());
        templates.forEach(
            (key, template) -> {
              Work work = works.get(key);
              if (work == null || work.getTemplateGeneration() != template.getGeneration()) {
                withoutWork.add(member.name() + "/" + key + " (work: " + work + ")");
              }
            });
        works.keySet().stream()
            .filter(key -> !templates.containsKey(key))
            .forEach(key -> withoutTemplate.add(member.name() + "/" + key));
      }
      System.out.println(
          effects.summary("placement-service killed twice during applies")
              + "; templates "
              + templates.size()
              + " without their works "
              + withoutWork.size()
              + " (expected 0); works without their template "
              + withoutTemplate.size()
              + " (expected 0)");
      assertThat(withoutWork).as("templates without their works").isEmpty();
      assertThat(withoutTemplate).as("works without their template").isEmpty();
      assertThat(effects.lost()).as("lost effects").isEmpty();
      assertThat(effects.duplicatedWrites())
          .as("objects written twice for one generation")
          .isEmpty();
      assertThat(effects.duplicatedReports()).as("outcomes reported twice").isEmpty();
    } finally {
      writes.forEach(MemberWrites::close);
    }
  }

  private CompletableFuture<HttpResponse<String>> send(ChaosFleet fleet, String apply) {
    List<String> documents = new ArrayList<>();
    for (String name : names(apply)) {
      documents.add(ChaosManifests.configMap(NAMESPACE, name, apply));
    }
    CompletableFuture<HttpResponse<String>> answer =
        fleet.applyAsync(ChaosManifests.documents(documents));
    applies.put(apply, answer);
    return answer;
  }

  private static void answered(ChaosFleet fleet, CompletableFuture<HttpResponse<String>> answer)
      throws Exception {
    HttpResponse<String> response = answer.get(ChaosFleet.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(response.statusCode()).as("apply: %s", response.body()).isEqualTo(200);
  }

  private static void killAndRestart(ChaosFleet fleet) {
    assertThat(fleet.killPlacement())
        .as("exit code after SIGKILL")
        .isEqualTo(ChildJvm.SIGKILL_EXIT);
    fleet.startPlacement();
  }

  private static List<String> names(String apply) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < OBJECTS_PER_APPLY; i++) {
      names.add(apply + "-cm-" + i);
    }
    return names;
  }

  /** 200, another status, or "no answer" when the kill cut the request. */
  private static String outcome(CompletableFuture<HttpResponse<String>> answer) {
    try {
      return String.valueOf(
          answer.get(ChaosFleet.PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode());
    } catch (Exception e) {
      return "no answer";
    }
  }

  private static Map<String, StoredObject> templates(ChaosFleet fleet) {
    Map<String, StoredObject> templates = new TreeMap<>();
    fleet
        .latest(fleet.templatesTopic(), StoredObject.class)
        .forEach(
            (key, template) -> {
              if (template != null && key.startsWith("core/ConfigMap/" + NAMESPACE + "/")) {
                templates.put(key, template);
              }
            });
    return templates;
  }
}
