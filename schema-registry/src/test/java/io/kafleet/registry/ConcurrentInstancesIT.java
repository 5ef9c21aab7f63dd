package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.AvroFixtures.field;
import static io.kafleet.registry.AvroFixtures.fieldWithDefault;
import static io.kafleet.registry.AvroFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Two registries on one topic at once: the log decides every race, and both derive one state. */
@ExtendWith(KafkaBrokerExtension.class)
class ConcurrentInstancesIT {

  private static final int SCHEMAS_PER_INSTANCE = 10;

  private record Registration(String subject, String schema, Reply reply) {}

  @Test
  void concurrentRegistrationsOnTwoInstancesGetDistinctIdsAndOneState(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    RegistrySettings settings = SchemaRegistryIT.settings(broker, topics);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (SchemaRegistryServer a = SchemaRegistryServer.start(settings);
        SchemaRegistryServer b = SchemaRegistryServer.start(settings)) {
      RegistryHttp httpA = new RegistryHttp(a.url());
      RegistryHttp httpB = new RegistryHttp(b.url());
      // Both instances start from a subject with one version, then race on everything.
      httpA.register("contested-value", eventV1());
      Eventually.await(
          "instance b to see contested-value",
          () -> httpB.get("/subjects").text(),
          text -> text.contains("contested-value"));

      CountDownLatch go = new CountDownLatch(1);
      List<Future<Registration>> futures = new ArrayList<>();
      for (int i = 0; i < SCHEMAS_PER_INSTANCE; i++) {
        futures.add(
            pool.submit(registration(go, httpA, "a-" + i, record("A" + i, field("f", "int")))));
        futures.add(
            pool.submit(registration(go, httpB, "b-" + i, record("B" + i, field("f", "int")))));
      }
      // The same new schema on both: one id.
      String shared = record("Shared", field("s", "string"));
      futures.add(pool.submit(registration(go, httpA, "shared-a", shared)));
      futures.add(pool.submit(registration(go, httpB, "shared-b", shared)));
      // Two different compatible versions of one subject: two versions, in some order.
      String viaA = record("Event", field("id", "string"), fieldWithDefault("fromA", "int", "0"));
      String viaB = record("Event", field("id", "string"), fieldWithDefault("fromB", "int", "0"));
      futures.add(pool.submit(registration(go, httpA, "contested-value", viaA)));
      futures.add(pool.submit(registration(go, httpB, "contested-value", viaB)));
      go.countDown();

      List<Registration> registrations = new ArrayList<>();
      for (Future<Registration> future : futures) {
        registrations.add(future.get(60, TimeUnit.SECONDS));
      }
      assertThat(registrations)
          .as("every concurrent registration")
          .allSatisfy(r -> assertThat(r.reply().status()).as("%s", r.reply()).isEqualTo(200));

      Map<String, Set<Integer>> idsBySchema = new HashMap<>();
      registrations.forEach(
          r -> idsBySchema.computeIfAbsent(r.schema(), s -> new HashSet<>()).add(r.reply().id()));
      assertThat(idsBySchema)
          .as("ids given to each schema")
          .allSatisfy((schema, ids) -> assertThat(ids).as("ids of %s", schema).hasSize(1));
      Set<Integer> distinctIds = new HashSet<>();
      idsBySchema.values().forEach(distinctIds::addAll);
      assertThat(distinctIds)
          .as("ids of %d distinct schemas: %s", idsBySchema.size(), idsBySchema)
          .hasSize(idsBySchema.size());

      Set<String> subjects = new HashSet<>();
      registrations.forEach(r -> subjects.add(r.subject()));
      Map<String, String> stateOfA = awaitState(httpA, subjects);
      Map<String, String> stateOfB = awaitState(httpB, subjects);
      assertThat(stateOfB).as("state seen by instance b, against instance a's").isEqualTo(stateOfA);
      for (Registration r : registrations) {
        assertThat(stateOfA.values())
            .as("instance a's state holds %s", r.reply())
            .anyMatch(version -> version.contains("\"id\":" + r.reply().id() + ","));
      }
      assertThat(httpA.get("/subjects/contested-value/versions").text())
          .as("versions of contested-value")
          .isEqualTo("[1,2,3]");
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Registration> registration(
      CountDownLatch go, RegistryHttp http, String subject, String schema) {
    return () -> {
      go.await();
      return new Registration(subject, schema, http.register(subject, schema));
    };
  }

  /** Every version of every subject, as the instance serves it, once it has all the subjects. */
  private static Map<String, String> awaitState(RegistryHttp http, Set<String> subjects) {
    Eventually.await(
        "all " + subjects.size() + " subjects",
        () -> http.get("/subjects").json(),
        listed -> {
          Set<String> names = new HashSet<>();
          listed.forEach(name -> names.add(name.asString()));
          return names.containsAll(subjects);
        });
    Map<String, String> state = new TreeMap<>();
    for (JsonNode subject : http.get("/subjects").json()) {
      String name = subject.asString();
      for (JsonNode version :
          http.get("/subjects/" + RegistryHttp.encode(name) + "/versions").json()) {
        state.put(
            name + "/" + version.asInt(),
            http.get("/subjects/" + RegistryHttp.encode(name) + "/versions/" + version.asInt())
                .text());
      }
    }
    return state;
  }
}
