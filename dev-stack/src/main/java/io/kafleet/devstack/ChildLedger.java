package io.kafleet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The child processes a dev stack started (broker, etcds, kube-apiservers, its watchdog), recorded
 * in its state directory, one file per process under {@code children/}, so that a stack that died
 * without stopping them ({@code kill -9}) leaves nothing running: {@code kafleet down} and the next
 * {@code kafleet up} end them. A record holds the pid, the process's start time and its command: a
 * pid the system has since given to another process is never signalled, because that process
 * started at another time.
 */
final class ChildLedger {

  static final String DIRECTORY = "children";

  /** How long an ended child has between SIGTERM and SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(10);

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final Path directory;

  ChildLedger(Path stateDirectory) {
    this.directory = stateDirectory.resolve(DIRECTORY);
  }

  /**
   * One recorded child. {@code started} is what {@link ProcessHandle.Info#startInstant()} said when
   * it was recorded.
   */
  record Child(long pid, String role, Instant started, String command) {

    /** The line of its ledger file: role, start time in epoch milliseconds, command. */
    String line() {
      return role + "\t" + started.toEpochMilli() + "\t" + command;
    }

    /**
     * @throws IllegalArgumentException when the line is not role TAB millis TAB command
     */
    static Child parse(long pid, String line) {
      String[] fields = line.strip().split("\t", 3);
      if (fields.length != 3 || fields[0].isBlank()) {
        throw new IllegalArgumentException(
            "not a child record (role TAB start-millis TAB command): '" + line + "'");
      }
      try {
        return new Child(
            pid, fields[0], Instant.ofEpochMilli(Long.parseLong(fields[1])), fields[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "the start time of child " + pid + " is not epoch milliseconds: '" + fields[1] + "'");
      }
    }

    /** The running process this record names, if it still runs: same pid and same start time. */
    Optional<ProcessHandle> running() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(process -> process.info().startInstant().map(started::equals).orElse(false));
    }

    String describe() {
      return role + " (pid " + pid + ", " + command + ")";
    }
  }

  /**
   * Records a child the stack started.
   *
   * @throws IllegalStateException when the process has already ended (its start time is gone)
   */
  Child record(String role, ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    Instant started =
        info.startInstant()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        role + " (pid " + process.pid() + ") ended before it could be recorded"));
    Child child =
        new Child(
            process.pid(),
            role,
            started,
            info.commandLine().or(info::command).orElse("(command unknown)"));
    write(child);
    return child;
  }

  /** Forgets a child the stack stopped itself. */
  void forget(long pid) {
    try {
      Files.deleteIfExists(file(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is recorded, by pid; an unreadable record is reported and skipped, never guessed. */
  List<Child> recorded() {
    List<Child> children = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return children;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "[0-9]*")) {
      for (Path file : files) {
        long pid;
        try {
          pid = Long.parseLong(file.getFileName().toString());
        } catch (NumberFormatException notARecord) {
          continue;
        }
        try {
          children.add(Child.parse(pid, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException forgottenMeanwhile) {
          // stopped by its stack while we listed
        } catch (IllegalArgumentException e) {
          System.err.println("kafleet: ignoring " + file + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    children.sort(Comparator.comparingLong(Child::pid));
    return children;
  }

  /**
   * Ends every recorded child that still runs, except this process itself: SIGTERM, then SIGKILL
   * for any still there after the grace period. Then the ledger is empty.
   *
   * @return what was ended, one description per process
   */
  List<String> endLeftovers(Duration grace) throws InterruptedException {
    long self = ProcessHandle.current().pid();
    List<Child> recorded = recorded();
    List<ProcessHandle> signalled = new ArrayList<>();
    List<String> ended = new ArrayList<>();
    for (Child child : recorded) {
      if (child.pid() == self) {
        continue;
      }
      Optional<ProcessHandle> running = child.running();
      if (running.isPresent()) {
        running.get().destroy();
        signalled.add(running.get());
        ended.add(child.describe());
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle process : signalled) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        process.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException stillThere) {
        process.destroyForcibly();
        awaitExit(process);
      } catch (ExecutionException cannotHappen) {
        throw new IllegalStateException(cannotHappen);
      }
    }
    for (Child child : recorded) {
      forget(child.pid());
    }
    return ended;
  }

  /** What the user is told about processes ended for a stack that was gone. */
  static String report(List<String> ended) {
    return "kafleet: ended "
        + ended.size()
        + (ended.size() == 1 ? " process" : " processes")
        + " a stopped dev stack had left running:"
        + System.lineSeparator()
        + ended.stream()
            .map(description -> "  " + description)
            .collect(Collectors.joining(System.lineSeparator()));
  }

  /**
   * Ends what the ledger of a state directory records and still runs, and says what it ended. Run
   * by {@code kafleet down} and by the dev stack's watchdog once the stack's JVM is gone; it needs
   * nothing but this class and the JDK.
   *
   * <p>Arguments: the state directory. Exit code 2 for bad arguments.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: ChildLedger <state directory>");
      System.exit(2);
    }
    List<String> ended = new ChildLedger(Path.of(args[0])).endLeftovers(GRACE);
    if (!ended.isEmpty()) {
      System.out.println(report(ended));
    }
  }

  /** A SIGKILLed process is gone within moments; don't report it ended while it is still there. */
  private static void awaitExit(ProcessHandle process) throws InterruptedException {
    try {
      process.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      System.err.println(
          "kafleet: pid " + process.pid() + " still there " + KILL_WAIT + " after SIGKILL");
    }
  }

  private void write(Child child) {
    try {
      Files.createDirectories(directory);
      Path target = file(child.pid());
      Path partial = directory.resolve("." + child.pid() + ".partial");
      Files.writeString(partial, child.line() + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(long pid) {
    return directory.resolve(Long.toString(pid));
  }
}
