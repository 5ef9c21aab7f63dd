package io.kafleet.placement;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Not a test: prints what one Kafka transaction of a few records costs on an embedded broker, and
 * how long {@code POST /api/v1/apply} of one ConfigMap takes (from the request sent to the
 * response) with fleets of about 1,000 and 10,000 works, for the report on placement's apply path.
 * Run it with the test class path, e.g. {@code java -cp ... io.kafleet.placement.ApplyCostProbe
 * [rounds]}.
 */
public final class ApplyCostProbe {

  private static final int CLUSTERS = 10;
  private static final int WARM_UP = 100;

  private ApplyCostProbe() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    var dir = Files.createTempDirectory("apply-cost-probe");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.in(dir));
        var registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers()))) {
      transactionFloor(broker, 3, rounds);
      transactionFloor(broker, 2 + CLUSTERS, rounds);
      String prefix = "probe-";
      Topics topics = new Topics(prefix);
      for (int i = 1; i <= CLUSTERS; i++) {
        broker.createCompactedTopic(topics.status("member" + i), 1);
        Heartbeats.send(broker, registry.url(), topics, "member" + i);
      }
      try (PlacementApp app = PlacementApp.start(broker, registry.url(), prefix)) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters"), "member" + CLUSTERS);
        check(ServiceHttp.postYaml(app.url("/api/v1/apply"), everywhere()));
        int configMaps = 0;
        for (int target : new int[] {1_000, 10_000}) {
          while (configMaps * CLUSTERS < target) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 100; i++) {
              batch.append(configMap("fleet-" + configMaps++, "v"));
            }
            check(ServiceHttp.postYaml(app.url("/api/v1/apply"), batch.toString()));
          }
          long[] took = new long[rounds];
          // Warm up (the JIT, the connection) before timing, as the bench's fleet would be.
          for (int i = 0; i < rounds + WARM_UP; i++) {
            String body = configMap("probe", UUID.randomUUID().toString());
            long start = System.nanoTime();
            HttpResponse<String> response = ServiceHttp.postYaml(app.url("/api/v1/apply"), body);
            long elapsed = System.nanoTime() - start;
            check(response);
            if (i >= WARM_UP) {
              took[i - WARM_UP] = elapsed;
            }
          }
          print(
              "apply of one ConfigMap (10 works), fleet of " + configMaps * CLUSTERS + " works",
              took);
        }
      }
    }
  }

  /** One transaction of {@code records} 1 KiB records, each to its own topic, committed. */
  private static void transactionFloor(EmbeddedKafkaBroker broker, int records, int rounds) {
    Map<String, Object> config = broker.adminClientProperties();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "probe-" + records);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      names.add("floor-" + records + "-" + i);
      broker.createCompactedTopic(names.get(i), 1);
    }
    byte[] value = new byte[1024];
    long[] took = new long[rounds];
    try (var producer = new KafkaProducer<String, byte[]>(config)) {
      producer.initTransactions();
      for (int i = 0; i < rounds + 20; i++) {
        long start = System.nanoTime();
        producer.beginTransaction();
        for (String topic : names) {
          producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), value));
        }
        producer.commitTransaction();
        long elapsed = System.nanoTime() - start;
        if (i >= 20) {
          took[i - 20] = elapsed;
        }
      }
    }
    print("one transaction of " + records + " records of 1 KiB to " + records + " topics", took);
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "PROBE %s: p50 %.1f ms, p99 %.1f ms, mean %.1f ms (%d runs)%n",
        what,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
        Arrays.stream(sorted).average().orElse(0) / 1e6,
        sorted.length);
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
  }

  private static String everywhere() {
    return """
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterPropagationPolicy
        metadata: {name: every-config-map}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]
          placement: {clusterAffinity: {}}
        """;
  }

  private static String configMap(String name, String value) {
    return "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
        + name
        + ", namespace: default}\ndata: {value: \""
        + value
        + "\"}\n";
  }
}
