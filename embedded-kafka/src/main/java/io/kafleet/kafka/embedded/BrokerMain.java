package io.kafleet.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the broker's own JVM: formats the KRaft storage when new, starts the broker,
 * and stops it as soon as the launching JVM goes away (its end of our standard input closes), so no
 * broker outlives its launcher, not even one that was killed.
 *
 * <p>Arguments: {@code server.properties cluster-id}.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain server.properties cluster-id");
      System.exit(2);
    }
    Thread watchdog = new Thread(BrokerMain::exitWhenLauncherGoes, "launcher-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    List<String> format =
        new ArrayList<>(List.of("format", "-t", args[1], "-c", args[0], "--ignore-formatted"));
    // An authenticated broker's admin exists from the start: SCRAM credentials of a KRaft cluster
    // live in its metadata, and the broker needs its own before it can serve anything.
    String scram = System.getenv(EmbeddedKafkaBroker.ADD_SCRAM_ENV);
    if (scram != null) {
      format.addAll(List.of("--add-scram", scram));
    }
    int formatted = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
    if (formatted != 0) {
      System.err.println("formatting the broker's storage failed with exit code " + formatted);
      System.exit(formatted);
    }
    kafka.Kafka.main(new String[] {args[0]});
  }

  private static void exitWhenLauncherGoes() {
    InputStream launcher = System.in;
    try {
      while (launcher.read() >= 0) {
        // The launcher never writes; only the end of the stream matters.
      }
    } catch (IOException e) {
      // A broken pipe means the same: the launcher is gone.
    }
    // Runs Kafka's own shutdown hook: a clean, quick stop.
    System.exit(0);
  }
}
