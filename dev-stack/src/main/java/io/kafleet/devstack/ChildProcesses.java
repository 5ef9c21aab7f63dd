package io.kafleet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The processes a dev stack starts beside its own JVM, kept from outliving it.
 *
 * <ul>
 *   <li>Each is recorded in the {@link ChildLedger} of the state directory while it runs.
 *   <li>Leftovers of a stack that died without stopping them are ended when the next stack starts
 *       in the same state directory (and by {@code kafleet down}, which runs {@link
 *       ChildLedger#main}).
 *   <li>A watchdog, a POSIX shell waiting for its standard input to close, outlives the JVM by
 *       design: the kernel closes that pipe when the JVM ends in any way, even {@code kill -9}, and
 *       the watchdog then runs {@link ChildLedger#main}, which ends what the ledger records. The
 *       Kafka broker has its own lifeline as well ({@code BrokerMain}); etcd and kube-apiserver
 *       have none.
 * </ul>
 *
 * {@code prctl(PR_SET_PDEATHSIG)} would be cheaper but is out of reach from Java, and fires when
 * the starting thread ends rather than the process.
 */
final class ChildProcesses implements AutoCloseable {

  private static final String WATCHDOG = "watchdog";
  // A child is recorded within this long of being started while a start is watched.
  private static final Duration POLL = Duration.ofMillis(100);
  // Only one watched start at a time in this JVM: a new child of the JVM is then the one started.
  private static final Object WATCHED_START = new Object();

  private final ChildLedger ledger;
  private final Process watchdog;

  private ChildProcesses(ChildLedger ledger, Process watchdog) {
    this.ledger = ledger;
    this.watchdog = watchdog;
  }

  /**
   * Ends what a previous stack in this state directory left running (saying so on standard error),
   * then starts the watchdog.
   */
  static ChildProcesses start(Path stateDirectory) {
    ChildLedger ledger = new ChildLedger(stateDirectory);
    try {
      List<String> ended = ledger.endLeftovers(ChildLedger.GRACE);
      if (!ended.isEmpty()) {
        System.err.println(ChildLedger.report(ended));
      }
      Process watchdog = startWatchdog(stateDirectory);
      ChildProcesses children = new ChildProcesses(ledger, watchdog);
      children.record(WATCHDOG, watchdog.toHandle());
      return children;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ending a previous stack's processes", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the dev stack's watchdog", e);
    }
  }

  /** Records a child this stack started; {@link #forget} it once stopped. */
  void record(String role, ProcessHandle process) {
    ledger.record(role, process);
  }

  void forget(long pid) {
    ledger.forget(pid);
  }

  /**
   * Runs a start that launches child processes out of reach (a library's), recording each new child
   * of this JVM whose program's file name is a key of {@code roles}, as soon as it appears.
   *
   * @return the pids recorded
   */
  Set<Long> recordStartedDuring(Map<String, String> roles, Runnable start) {
    synchronized (WATCHED_START) {
      Set<Long> before =
          ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
      Set<Long> recorded = Collections.synchronizedSet(new HashSet<>());
      Runnable look = () -> recordNew(roles, before, recorded);
      ScheduledExecutorService poller =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "child-recorder");
                thread.setDaemon(true);
                return thread;
              });
      poller.scheduleWithFixedDelay(look, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
      try {
        start.run();
      } finally {
        poller.shutdownNow();
        awaitQuietly(poller);
        look.run();
      }
      return Set.copyOf(recorded);
    }
  }

  private void recordNew(Map<String, String> roles, Set<Long> before, Set<Long> recorded) {
    ProcessHandle.current()
        .children()
        .filter(child -> !before.contains(child.pid()) && !recorded.contains(child.pid()))
        .forEach(
            child ->
                role(roles, child)
                    .ifPresent(
                        role -> {
                          try {
                            ledger.record(role, child);
                            recorded.add(child.pid());
                          } catch (IllegalStateException endedAlready) {
                            // nothing left to record
                          }
                        }));
  }

  private static Optional<String> role(Map<String, String> roles, ProcessHandle child) {
    return child
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString())
        .map(roles::get);
  }

  private static void awaitQuietly(ScheduledExecutorService poller) {
    try {
      poller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the watchdog: the stack has stopped its children itself. */
  @Override
  public void close() {
    watchdog.destroy();
    try {
      watchdog.waitFor(ChildLedger.GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ledger.forget(watchdog.pid());
  }

  /**
   * A shell that ignores Ctrl-C and hang-ups (the JVM stops its children itself then), reads its
   * standard input until it closes, and then runs the ledger's clean-up with this JVM's java, from
   * a copy of the two classes it needs (the dev stack may run from a jar the plain {@code java -cp}
   * cannot read).
   */
  private static Process startWatchdog(Path stateDirectory) throws IOException {
    Path classes = copyLedgerClasses(stateDirectory.resolve(WATCHDOG));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            "sh",
            "-c",
            "trap '' INT HUP; while read -r _; do :; done; exec \"$@\"",
            "kafleet-dev-stack-watchdog",
            java.toString(),
            "-Xmx32m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classes.toAbsolutePath().toString(),
            ChildLedger.class.getName(),
            stateDirectory.toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(stateDirectory.resolve("watchdog.log").toFile()))
        .start();
  }

  /** The ledger's classes, which need nothing but the JDK. */
  static Path copyLedgerClasses(Path directory) throws IOException {
    for (Class<?> type : List.of(ChildLedger.class, ChildLedger.Child.class)) {
      String resource = type.getName().replace('.', '/') + ".class";
      Path copy = directory.resolve(resource);
      Files.createDirectories(copy.getParent());
      try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the dev stack's classes");
        }
        Files.write(copy, in.readAllBytes());
      }
    }
    return directory;
  }
}
