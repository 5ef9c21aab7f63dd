package io.kafleet.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerLifecycleIT {

  @Test
  void keepsItsTopicsAcrossARestartInTheSameDirectory(@TempDir Path dir) throws Exception {
    try (var broker = EmbeddedKafkaBroker.start(BrokerSettings.in(dir))) {
      broker.createCompactedTopic("kept", 1);
    }
    try (var broker = EmbeddedKafkaBroker.start(BrokerSettings.in(dir));
        Admin admin = broker.admin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
    }
  }

  /**
   * A broker killed with SIGKILL (no controlled shutdown) comes back on the same port with every
   * record a transaction committed before the kill, and a producer made before the kill writes to
   * it again without being recreated.
   */
  @Test
  void aKilledBrokerStartsAgainOnItsPortWithItsCommittedRecords(@TempDir Path dir)
      throws Exception {
    var broker = EmbeddedKafkaBroker.start(BrokerSettings.in(dir));
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    try (var producer = new KafkaProducer<String, String>(config)) {
      broker.createCompactedTopic("kept", 1);
      producer.send(new ProducerRecord<>("kept", "before", "kill")).get(30, TimeUnit.SECONDS);
      long pid = broker.pid();
      broker.kill();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("broker pid %s alive after kill()", pid)
          .isFalse();

      try (var restarted = EmbeddedKafkaBroker.start(broker.settings())) {
        assertThat(restarted.bootstrapServers()).isEqualTo(broker.bootstrapServers());
        producer.send(new ProducerRecord<>("kept", "after", "restart")).get(60, TimeUnit.SECONDS);
        assertThat(readAll(restarted, "kept")).containsExactly("before=kill", "after=restart");
      }
    }
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<String, String>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<String> records = new java.util.ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer
            .poll(java.time.Duration.ofMillis(500))
            .forEach(record -> records.add(record.key() + "=" + record.value()));
      }
      return records;
    }
  }

  @Test
  void closeStopsTheBrokerProcess(@TempDir Path dir) throws Exception {
    var broker = EmbeddedKafkaBroker.start(BrokerSettings.in(dir));
    ProcessHandle process = ProcessHandle.of(broker.pid()).orElseThrow();
    broker.close();
    assertThat(process.isAlive()).as("broker pid %s alive after close()", broker.pid()).isFalse();
  }

  /**
   * A launcher JVM that starts a broker and then ends without closing it, either by exiting
   * (shutdown hooks run) or by halting (they do not, as when a test JVM is killed).
   */
  @ParameterizedTest
  @ValueSource(strings = {"exit", "halt"})
  void noBrokerOutlivesItsLauncher(String howTheLauncherEnds, @TempDir Path dir) throws Exception {
    Process launcher =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AbandoningLauncher.class.getName(),
                dir.toString(),
                howTheLauncherEnds)
            .redirectErrorStream(true)
            .start();
    String brokerPid;
    try (var out =
        new BufferedReader(
            new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      brokerPid =
          out.lines()
              .filter(line -> line.startsWith("broker-pid="))
              .findFirst()
              .map(line -> line.substring("broker-pid=".length()))
              .orElseThrow(() -> new AssertionError("the launcher printed no broker pid"));
    }
    assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("launcher ended").isTrue();

    var broker = ProcessHandle.of(Long.parseLong(brokerPid));
    if (broker.isPresent()) {
      // Generous: a broker's clean shutdown takes a few seconds on a busy machine.
      broker.get().onExit().get(60, TimeUnit.SECONDS);
    }
    assertThat(broker.map(ProcessHandle::isAlive).orElse(false))
        .as(
            "broker pid %s still alive after its launcher ended by %s",
            brokerPid, howTheLauncherEnds)
        .isFalse();
    assertThat(Files.readString(dir.resolve("server.properties"))).contains("process.roles");
  }

  /** Run in its own JVM by the test above. */
  public static final class AbandoningLauncher {
    public static void main(String[] args) {
      var broker =
          EmbeddedKafkaBroker.start(BrokerSettings.in(Path.of(args[0])).withOverrides(Map.of()));
      System.out.println("broker-pid=" + broker.pid());
      System.out.flush();
      System.out.close();
      if (List.of(args).contains("halt")) {
        Runtime.getRuntime().halt(1);
      }
      System.exit(1);
    }
  }
}
