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
