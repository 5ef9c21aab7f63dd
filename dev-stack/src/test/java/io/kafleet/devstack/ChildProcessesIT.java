package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack as its own process, as {@code ./kafleet up} runs it, killed from outside with
 * SIGKILL: what it started does not outlive it, and its members listen on 127.0.0.1 only.
 */
class ChildProcessesIT {

  private static final Path KAFLEET = Path.of("..", "kafleet").toAbsolutePath().normalize();
  private static final String LOOPBACK = "0100007F";

  private final List<ProcessHandle> started = new ArrayList<>();
  private final List<Path> states = new ArrayList<>();

  /**
   * Whatever happened, nothing this test started outlives it: the stacks, and every child their
   * ledgers name (read now, before the state directory is deleted, which would leave a watchdog
   * without its ledger).
   */
  @AfterEach
  void leaveNothingRunning() {
    List<ProcessHandle> all = new ArrayList<>(started);
    for (Path state : states) {
      new ChildLedger(state).recorded().forEach(child -> child.running().ifPresent(all::add));
    }
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
  }

  @Test
  void aStackKilledWithSigkillLeavesItsChildrenToKafleetDownWhichEndsThemAll(@TempDir Path state)
      throws Exception {
    Process stack = startStack(state);
    List<ChildLedger.Child> recorded = new ChildLedger(state).recorded();
    Map<String, ChildLedger.Child> byRole = byRole(recorded);
    assertThat(byRole).containsOnlyKeys("watchdog", "kafka-broker", "etcd", "kube-apiserver");
    for (String member : List.of("etcd", "kube-apiserver")) {
      Map<String, Boolean> listening = listeningAddresses(byRole.get(member).pid());
      assertThat(listening).as("%s's listening sockets", member).isNotEmpty();
      assertThat(listening)
          .as("%s's listening sockets (local address -> on 127.0.0.1)", member)
          .allSatisfy((address, loopback) -> assertThat(loopback).as(address).isTrue());
    }

    // The watchdog too, as if it had been killed with the stack: kafleet down is then all there is.
    kill(byRole.get("watchdog").pid());
    stack.toHandle().destroyForcibly();
    assertThat(stack.waitFor(30, TimeUnit.SECONDS)).as("the stack's JVM ended").isTrue();
    Set<String> orphans = new HashSet<>();
    for (String member : List.of("etcd", "kube-apiserver")) {
      if (byRole.get(member).running().isPresent()) {
        orphans.add(member + " (pid " + byRole.get(member).pid() + ",");
      }
    }
    assertThat(orphans).as("member processes the SIGKILLed stack left running").isNotEmpty();

    String down = kafleet(state, "down");

    assertThat(down).contains("kafleet dev stack is not running").contains(orphans);
    assertThat(recorded)
        .as("recorded children still running after kafleet down")
        .noneMatch(child -> child.running().isPresent());
    assertThat(new ChildLedger(state).recorded()).as("the ledger after kafleet down").isEmpty();
  }

  @Test
  void theWatchdogEndsTheChildrenOfAStackKilledWithSigkill(@TempDir Path state) throws Exception {
    Process stack = startStack(state);
    List<ChildLedger.Child> recorded = new ChildLedger(state).recorded();
    assertThat(byRole(recorded)).containsKeys("watchdog", "etcd", "kube-apiserver");

    stack.toHandle().destroyForcibly();

    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .as("recorded children still running")
                    .noneMatch(child -> child.running().isPresent()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Files.readString(state.resolve("watchdog.log")))
                    .as("what the watchdog said")
                    .contains("etcd (pid " + byRole(recorded).get("etcd").pid()));
  }

  @Test
  void kafleetDownEndsRecordedLeftoversButNotAProcessThatOnlyHasARecordedPid(@TempDir Path state)
      throws Exception {
    states.add(state);
    ChildLedger ledger = new ChildLedger(state);
    ChildProcesses.copyLedgerClasses(state.resolve("watchdog"));
    ProcessHandle leftover = sleeper();
    ProcessHandle stranger = sleeper();
    ledger.record("etcd", leftover);
    ChildLedger.Child strangerRecord = ledger.record("kube-apiserver", stranger);
    // As if the system had given a dead child's pid to another process since.
    Path strangerFile = state.resolve(ChildLedger.DIRECTORY).resolve(Long.toString(stranger.pid()));
    Files.writeString(
        strangerFile,
        new ChildLedger.Child(
                stranger.pid(),
                "kube-apiserver",
                strangerRecord.started().minusSeconds(60),
                strangerRecord.command())
            .line());

    String down = kafleet(state, "down");

    assertThat(down)
        .contains("ended 1 process")
        .contains("etcd (pid " + leftover.pid() + ",")
        .doesNotContain("pid " + stranger.pid());
    await().atMost(Duration.ofSeconds(30)).until(() -> !leftover.isAlive());
    assertThat(stranger.isAlive()).as("the process that merely has a recorded pid").isTrue();
    assertThat(ledger.recorded()).isEmpty();
  }

  private Process startStack(Path state) throws IOException {
    Path jar = execJar();
    Path log = state.resolve("stack.log");
    Files.createDirectories(state);
    states.add(state);
    Process stack =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafleet.dev.kafka-port=0",
                "-Dkafleet.dev.registry-port=0",
                "-Dkafleet.dev.placement-port=0",
                "-Dkafleet.dev.traffic-port=0",
                "-jar",
                jar.toString(),
                state.toString(),
                "member1",
                "--insecure-plaintext-kafka")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(stack.toHandle());
    // Minutes on a loaded 2-core machine: a broker, two Spring services, a kube-apiserver.
    await()
        .atMost(Duration.ofMinutes(12))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (!stack.isAlive()) {
                throw new AssertionError(
                    "the stack ended while starting:\n" + Files.readString(log));
              }
              return Files.readString(log).contains("dev stack is up");
            });
    new ChildLedger(state).recorded().forEach(child -> child.running().ifPresent(started::add));
    return stack;
  }

  private ProcessHandle sleeper() throws IOException {
    ProcessHandle sleeper = new ProcessBuilder("sleep", "600").start().toHandle();
    started.add(sleeper);
    return sleeper;
  }

  private static Path execJar() throws IOException {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(Path.of("target"), "kafleet-dev-stack-*-exec.jar")) {
      for (Path jar : jars) {
        return jar.toAbsolutePath();
      }
    }
    throw new IllegalStateException("no dev stack jar in target/: run ./mvnw verify (package)");
  }

  private static Map<String, ChildLedger.Child> byRole(List<ChildLedger.Child> children) {
    return children.stream()
        .collect(Collectors.toMap(ChildLedger.Child::role, child -> child, (a, b) -> a));
  }

  private static void kill(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -KILL %s", pid).isZero();
  }

  /** {@code ./kafleet} with the state directory given, as a user runs it; its output. */
  private static String kafleet(Path state, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", KAFLEET.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KAFLEET_STATE", state.toAbsolutePath().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kafleet %s ended", command).isTrue();
    assertThat(process.exitValue()).as("kafleet %s: %s", List.of(arguments), output).isZero();
    return output;
  }

  /**
   * The listening TCP sockets of a process, from {@code /proc}: each local address (hex, as the
   * kernel writes it) and whether it is 127.0.0.1.
   */
  private static Map<String, Boolean> listeningAddresses(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", "" + pid, "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // gone while listed
        }
      }
    }
    Map<String, Boolean> listening = new HashMap<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(Path.of("/proc", "" + pid, "net", table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        boolean listen = fields[3].equals("0A");
        if (listen && inodes.contains(fields[9])) {
          String address = fields[1].substring(0, fields[1].indexOf(':'));
          listening.put(table + " " + fields[1], table.equals("tcp") && address.equals(LOOPBACK));
        }
      }
    }
    return listening;
  }
}
