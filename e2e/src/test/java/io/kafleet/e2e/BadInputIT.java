package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input through every public door — placement-service's apply, cluster join and reader access
 * APIs, traffic-service's shift and rollout APIs, and the CLI's {@code apply} and {@code traffic
 * set} — each answered with a clear error naming what was wrong and where; and the fleet's
 * templates and works, read from Kafka, exactly as they were before.
 */
@ExtendWith(SuiteExtension.class)
class BadInputIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static ApiCalls api;

  private static Suite suite;

  /** What a door answered: an HTTP status or a CLI exit code, and the text of the error. */
  private record Answer(int code, String text) {}

  /** One bad input: how it is sent, the code expected, and what the error must name. */
  private record Case(String what, Supplier<Answer> send, int code, List<String> names) {}

  @BeforeAll
  static void fleetWithPodinfo(Suite shared) throws IOException {
    suite = shared;
    api = ApiCalls.trusting(suite.stack().sslContext());
    suite.applyPodinfo();
  }

  @Test
  void everyBadInputIsRefusedNamingWhatAndWhereAndTheFleetIsUnchanged() {
    Map<String, Map<String, String>> before = fleetRecords();
    List<Case> cases = cases();

    SoftAssertions softly = new SoftAssertions();
    for (Case bad : cases) {
      Answer answer = bad.send().get();
      softly
          .assertThat(answer.code())
          .as("%s: code of %s", bad.what(), answer)
          .isEqualTo(bad.code());
      for (String name : bad.names()) {
        softly
            .assertThat(answer.text())
            .as("%s: the error names %s", bad.what(), name)
            .contains(name);
      }
    }
    softly.assertAll();

    Set<String> distinct = new LinkedHashSet<>();
    cases.forEach(bad -> distinct.add(bad.what()));
    assertThat(distinct)
        .as("distinct bad inputs")
        .hasSize(cases.size())
        .hasSizeGreaterThanOrEqualTo(30);
    assertThat(fleetRecords())
        .as("the templates topic and every execution space, key by key, after all bad inputs")
        .isEqualTo(before);
  }

  /**
   * The comparison above sees a change: a good apply alters the records, its delete restores them.
   */
  @Test
  void theFleetsRecordsChangeWithAGoodApplyAndAreRestoredByItsDelete() throws IOException {
    Map<String, Map<String, String>> before = fleetRecords();
    Path file = suite.state().resolve("good-input.yaml");
    Files.writeString(file, configMap("bad-input-control", ""));

    suite.kafleet("apply", "-f", file.toString());
    assertThat(fleetRecords()).as("the fleet's records after a good apply").isNotEqualTo(before);

    suite.kafleet("delete", "-f", file.toString());
    assertThat(fleetRecords()).as("the fleet's records after its delete").isEqualTo(before);
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // kafleet apply -f: names, namespaces, labels and annotations as kube-apiserver checks them.
    cases.add(
        cli(
            "upper-case ConfigMap name",
            configMap("UpperCase_Name", ""),
            "document 0 (ConfigMap UpperCase_Name) metadata.name",
            "\"UpperCase_Name\" is not a valid ConfigMap name (a lowercase RFC 1123 subdomain)"));
    cases.add(
        cli(
            "Service name starting with a digit",
            "apiVersion: v1\nkind: Service\nmetadata: {name: 9reviews}\nspec: {ports: [{port: 80}]}\n",
            "(Service 9reviews) metadata.name",
            "DNS-1035 label"));
    cases.add(
        cli(
            "Namespace name with a dot",
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: team.a}\n",
            "(Namespace team.a) metadata.name",
            "RFC 1123 label"));
    cases.add(
        cli(
            "ConfigMap name of 254 characters",
            configMap("c".repeat(254), ""),
            "metadata.name",
            "must be no more than 253 characters"));
    cases.add(
        cli(
            "CronJob name of 53 characters",
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: "
                + "j".repeat(53)
                + "}\n"
                + "spec: {schedule: '* * * * *', jobTemplate: {spec: {template: {spec: {containers: []}}}}}\n",
            "(CronJob " + "j".repeat(53) + ") metadata.name",
            "must be no more than 52 characters"));
    cases.add(
        cli(
            "namespace with upper case and underscore",
            configMap("ok-name", "  namespace: Team_A\n"),
            "(ConfigMap Team_A/ok-name) metadata.namespace",
            "\"Team_A\" is not a valid namespace"));
    cases.add(
        cli(
            "label key starting with a dash",
            configMap("a", "  labels: {'-bad': x}\n"),
            "metadata.labels[\"-bad\"]",
            "label key \"-bad\" is not valid"));
    cases.add(
        cli(
            "label key with an upper-case prefix",
            configMap("a", "  labels: {Example.com/app: x}\n"),
            "metadata.labels[\"Example.com/app\"]",
            "prefix part a lowercase RFC 1123 subdomain"));
    cases.add(
        cli(
            "label value with a space",
            configMap("a", "  labels: {app: 'has space'}\n"),
            "metadata.labels[\"app\"]",
            "label value \"has space\" is not valid"));
    cases.add(
        cli(
            "label value of 64 characters",
            configMap("a", "  labels: {app: " + "v".repeat(64) + "}\n"),
            "metadata.labels[\"app\"]",
            "must be no more than 63 characters"));
    cases.add(
        cli(
            "label value that is a number",
            configMap("a", "  labels: {version: 7}\n"),
            "metadata.labels[\"version\"]",
            "label value must be a string"));
    cases.add(
        cli(
            "annotation key with a space",
            configMap("a", "  annotations: {'bad key': x}\n"),
            "metadata.annotations[\"bad key\"]",
            "annotation key \"bad key\" is not valid"));
    cases.add(
        cli(
            "annotations over 256 KiB",
            configMap("a", "  annotations: {note: " + "n".repeat(256 * 1024) + "}\n"),
            "metadata.annotations",
            "262148 bytes in total; kube-apiserver takes at most 262144"));
    cases.add(
        cli(
            "pod template label value with a '!'",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n"
                + "  template: {metadata: {labels: {app: 'web!'}}, spec: {containers: []}}\n",
            "(Deployment web) spec.template.metadata.labels[\"app\"]",
            "label value \"web!\" is not valid"));
    cases.add(
        cli(
            "cluster-scoped Namespace given a namespace",
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, namespace: default}\n",
            "metadata.namespace",
            "Namespace is cluster-scoped and takes no namespace"));
    cases.add(
        cli(
            "object without a name",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n",
            "document 0 metadata.name",
            "is required"));
    cases.add(cli("text that is not YAML", "kind: [unclosed\n", "is not valid YAML"));
    cases.add(
        cli(
            "PropagationPolicy with an upper-case name",
            "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: Bad_Policy}\n"
                + "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: a}]}\n",
            "(PropagationPolicy Bad_Policy) metadata.name",
            "is not a valid PropagationPolicy name"));
    cases.add(
        cli(
            "good ConfigMap followed by a bad one",
            configMap("bad-input-innocent", "")
                + "---\n"
                + configMap("second", "  labels: {'a/b/c': x}\n"),
            "document 1 (ConfigMap second) metadata.labels[\"a/b/c\"]",
            "a qualified name must consist"));
    // kafleet apply -f: VirtualService route weights, by the rules traffic set follows.
    cases.add(
        cli(
            "route weights 50 + 40",
            podinfoRoute("green", 50, "blue", "40"),
            "(VirtualService default/podinfo) spec.http[0].route",
            "weights sum to 90, not 100"));
    cases.add(
        cli(
            "route weights 120 and -20",
            podinfoRoute("green", 120, "blue", "-20"),
            "spec.http[0].route[0].weight",
            "weight 120 for subset \"green\" is not in 0..100",
            "spec.http[0].route[1].weight",
            "weight -20 for subset \"blue\""));
    cases.add(
        cli(
            "route to a subset the DestinationRule lacks",
            podinfoRoute("green", 50, "purple", "50"),
            "spec.http[0].route[1].destination.subset",
            "subset \"purple\" is not in DestinationRule default/podinfo (known: blue, green)"));
    cases.add(
        cli(
            "route weight that is not a number",
            podinfoRoute("green", 50, "blue", "fifty"),
            "spec.http[0].route[1].weight",
            "weight must be a whole number"));

    // POST /api/v1/apply.
    cases.add(
        apply(
            "apply of a body without objects",
            "# nothing here\n",
            "bad.yaml",
            "holds no Kubernetes object"));
    cases.add(
        apply(
            "apply of a Karmada kind kafleet does not support",
            "apiVersion: policy.karmada.io/v1alpha1\nkind: FederatedHPA\nmetadata: {name: hpa}\n",
            "bad.yaml document 0 kind",
            "is not supported yet"));
    cases.add(
        apply(
            "apply naming one object twice",
            configMap("twice", "") + "---\n" + configMap("twice", ""),
            "bad.yaml document 1",
            "appears twice in one apply"));
    cases.add(
        apply(
            "apply of JSON with route weights 30 + 30",
            "{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"VirtualService\",\"metadata\":{\"name\":\"podinfo\"},"
                + "\"spec\":{\"hosts\":[\"podinfo\"],\"http\":[{\"route\":["
                + "{\"destination\":{\"host\":\"podinfo\",\"subset\":\"green\"},\"weight\":30},"
                + "{\"destination\":{\"host\":\"podinfo\",\"subset\":\"blue\"},\"weight\":30}]}]}}",
            "bad.yaml document 0 (VirtualService podinfo) spec.http[0].route",
            "weights sum to 60, not 100"));
    cases.add(
        apply(
            "apply of a KubeVela Application with an upper-case name",
            "apiVersion: core.oam.dev/v1beta1\nkind: Application\nmetadata: {name: PodInfo}\nspec: {components: []}\n",
            "(Application PodInfo) metadata.name",
            "is not a valid Application name"));

    // kafleet traffic set.
    cases.add(
        trafficSet(
            "traffic set with weights 50 + 40",
            "podinfo",
            "green=50,blue=40",
            "weights: weights sum to 90, not 100"));
    cases.add(
        trafficSet(
            "traffic set to an unknown subset",
            "podinfo",
            "green=50,purple=50",
            "weights.purple: subset \"purple\" is not in DestinationRule default/podinfo (known: blue, green)"));
    cases.add(
        trafficSet(
            "traffic set with weights 120 and -20",
            "podinfo",
            "green=120,blue=-20",
            "weights.green: weight 120 for subset \"green\" is not in 0..100"));
    cases.add(
        trafficSet(
            "traffic set with a weight that is not a number",
            "podinfo",
            "green=abc",
            "--weights: green=abc is not a whole number"));
    cases.add(
        trafficSet(
            "traffic set of an unknown VirtualService",
            "nosuch",
            "a=100",
            "VirtualService default/nosuch is not a fleet template"));

    // POST /api/v1/shifts and /api/v1/rollouts.
    String traffic = suite.stack().trafficUrl();
    cases.add(
        post(
            "shift with a body that is not JSON",
            traffic + "/api/v1/shifts",
            "{not json",
            operator(),
            "the request body is not valid JSON"));
    cases.add(
        post(
            "shift without weights",
            traffic + "/api/v1/shifts",
            "{\"virtualService\":{\"name\":\"podinfo\"},\"weights\":{},\"requestedBy\":\"bad-input\"}",
            operator(),
            "weights",
            "no weights given"));
    cases.add(
        post(
            "shift to a cluster not holding the VirtualService",
            traffic + "/api/v1/shifts",
            "{\"virtualService\":{\"name\":\"podinfo\"},\"weights\":{\"green\":100,\"blue\":0},"
                + "\"clusters\":[\"member9\"],\"requestedBy\":\"bad-input\"}",
            operator(),
            "clusters[0]",
            "is not placed in cluster member9"));
    cases.add(
        post(
            "shift with a field the API does not know",
            traffic + "/api/v1/shifts",
            "{\"virtualService\":{\"name\":\"podinfo\"},\"weights\":{\"green\":100},\"requestedBy\":\"x\","
                + "\"weight\":1}",
            operator(),
            "weight: is not a field traffic-service supports"));
    cases.add(
        post(
            "rollout step beyond 100%",
            traffic + "/api/v1/rollouts",
            "{\"virtualService\":{\"name\":\"podinfo\"},\"stableSubset\":\"blue\",\"canarySubset\":\"green\","
                + "\"steps\":[{\"canaryWeight\":150,\"pauseSeconds\":0}],\"requestedBy\":\"bad-input\"}",
            operator(),
            "steps[0].canaryWeight",
            "must be 0..100, not 150"));

    // Cluster join and reader access.
    String placement = suite.stack().placementUrl();
    cases.add(
        post(
            "join of a cluster named with upper case",
            placement + "/api/v1/clusters/Bad_Name/join",
            "{\"sealingPublicKey\":\"x\"}",
            admin(),
            "name",
            "'Bad_Name' is not a DNS label"));
    cases.add(
        post(
            "join with a bad label key",
            placement + "/api/v1/clusters/member3/join",
            "{\"labels\":{\"-zone\":\"a\"},\"sealingPublicKey\":\"x\"}",
            admin(),
            "labels",
            "label key '-zone' is not a label name"));
    cases.add(
        post(
            "reader whose group prefix covers kafleet's groups",
            placement + "/api/v1/access/readers/grafana",
            "{\"groupPrefix\":\"kafleet\"}",
            admin(),
            "groupPrefix"));
    return cases;
  }

  private static String configMap(String name, String moreMetadata) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n"
        + moreMetadata
        + "data: {k: v}\n";
  }

  private static String podinfoRoute(
      String first, int firstWeight, String second, String secondWeight) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: podinfo, namespace: default}
        spec:
          hosts: [podinfo]
          http:
            - route:
                - {destination: {host: podinfo, subset: %s}, weight: %d}
                - {destination: {host: podinfo, subset: %s}, weight: %s}
        """
        .formatted(first, firstWeight, second, secondWeight);
  }

  /** {@code kafleet apply -f} of the text as a file: exit 1, the error on stderr. */
  private static Case cli(String what, String text, String... names) {
    return new Case(
        what,
        () -> {
          Path file = suite.state().resolve("bad-input.yaml");
          try {
            Files.writeString(file, text);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          Suite.CliRun run =
              suite.kafleetAs(suite.stack().tokens().operator(), "apply", "-f", file.toString());
          return new Answer(run.exit(), run.err() + run.out());
        },
        1,
        List.of(names));
  }

  private static Case trafficSet(
      String what, String virtualService, String weights, String... names) {
    return new Case(
        what,
        () -> {
          Suite.CliRun run =
              suite.kafleetAs(
                  suite.stack().tokens().operator(),
                  "traffic",
                  "set",
                  virtualService,
                  "--weights",
                  weights);
          return new Answer(run.exit(), run.err() + run.out());
        },
        1,
        List.of(names));
  }

  private static Case apply(String what, String body, String... names) {
    return post(
        what,
        suite.stack().placementUrl() + "/api/v1/apply?source=bad.yaml",
        body,
        operator(),
        names);
  }

  /** A POST answered 400, the error read as {@code field: reason} lines. */
  private static Case post(String what, String url, String body, String token, String... names) {
    return new Case(
        what,
        () -> {
          HttpResponse<String> response = api.post(url, token, "application/json", body);
          return new Answer(response.statusCode(), problems(response.body()));
        },
        400,
        List.of(names));
  }

  private static String problems(String body) {
    JsonNode error;
    try {
      error = JSON.readTree(body);
    } catch (RuntimeException e) {
      return body;
    }
    List<String> lines = new ArrayList<>();
    lines.add(error.path("field").asString("") + ": " + error.path("reason").asString(body));
    error
        .path("violations")
        .forEach(
            v -> lines.add(v.path("field").asString("") + ": " + v.path("reason").asString("")));
    return String.join("\n", lines);
  }

  private static String operator() {
    return suite.stack().tokens().operator();
  }

  private static String admin() {
    return suite.stack().tokens().admin();
  }

  /**
   * The latest record of every key on the templates topic and on every execution space, as a digest
   * of its value (keys whose latest record is a tombstone are left out), read as committed.
   */
  private static Map<String, Map<String, String>> fleetRecords() {
    Map<String, Object> config = new HashMap<>(suite.stack().kafkaClientProperties());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Map<String, String>> fleet = new TreeMap<>();
    try (var consumer = new KafkaConsumer<byte[], byte[]>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : consumer.listTopics(Duration.ofSeconds(30)).keySet()) {
        if (topic.equals(Topics.DEFAULT.templates())
            || topic.startsWith(Topics.DEFAULT.executionSpacePrefix())) {
          fleet.put(topic, new TreeMap<>());
          consumer
              .partitionsFor(topic, Duration.ofSeconds(30))
              .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Map<String, String> latest = fleet.get(record.topic());
          String key =
              record.key() == null ? "<no key>" : new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            latest.remove(key);
          } else {
            latest.put(key, digest(record.value()));
          }
        }
      }
    }
    assertThat(fleet).as("the fleet's topics").containsKey(Topics.DEFAULT.templates());
    return fleet;
  }

  private static String digest(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
