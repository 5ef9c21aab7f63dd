package io.kafleet.cli;

import io.kafleet.events.FleetEvent;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.InterruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kafleet events}: the fleet events of placement-service and traffic-service, decoded, read
 * straight from Kafka as any outside consumer would.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Print the fleet events (shift and rollout progress, template and cluster state) decoded.",
      "Without --follow: every event on the topics, oldest first, then exit."
    })
final class EventsCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--follow"},
      description =
          "Keep printing new events until interrupted (Ctrl-C); only events from now on, unless"
              + " --since-beginning.")
  private boolean follow;

  @Option(
      names = "--since-beginning",
      description = "With --follow: print the events already there first.")
  private boolean sinceBeginning;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "json: one JSON object per line with every field of the event (for jq).")
  private String output;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:KAFLEET_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka (env KAFLEET_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
  private String bootstrapServers;

  @Option(
      names = "--schema-registry",
      defaultValue = "${env:KAFLEET_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
      description =
          "The schema registry (env KAFLEET_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
  private String schemaRegistry;

  @Option(
      names = "--kafka-config",
      defaultValue = "${env:KAFLEET_KAFKA_CONFIG}",
      description =
          "A properties file of extra Kafka client properties, e.g. security.protocol,"
              + " sasl.mechanism, sasl.jaas.config (env KAFLEET_KAFKA_CONFIG; ./kafleet sets the"
              + " dev stack's).")
  private Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      defaultValue = "${env:KAFLEET_TOPIC_PREFIX:-}",
      description = "The fleet's topic prefix, if it has one (env KAFLEET_TOPIC_PREFIX).")
  private String topicPrefix;

  @Option(
      names = "--request-timeout",
      defaultValue = "5s",
      description =
          "How long Kafka and the registry may take to answer (default ${DEFAULT-VALUE}).")
  private String requestTimeout;

  @Override
  public Integer call() {
    boolean json =
        switch (output) {
          case "json" -> true;
          case "table", "wide" -> false;
          default ->
              throw new CliException("unknown output format " + output + " for events: json");
        };
    Topics topics;
    try {
      topics = new Topics(topicPrefix);
    } catch (IllegalArgumentException e) {
      throw new CliException("--topic-prefix: " + e.getMessage());
    }
    Duration timeout = Durations.parse("--request-timeout", requestTimeout);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Consumer<FleetEvent> print =
        event -> {
          out.println(json ? FleetEventText.json(event) : FleetEventText.line(event));
          out.flush();
        };
    try (FleetEventFeed feed =
        new FleetEventFeed(
            bootstrapServers,
            schemaRegistry,
            kafkaProperties(),
            timeout,
            warning -> err.println("warning: " + warning))) {
      feed.assign(
          List.of(topics.placementEvents(), topics.trafficEvents()), !follow || sinceBeginning);
      if (!json) {
        out.println(FleetEventText.header());
      }
      if (!follow || sinceBeginning) {
        feed.readToEnd().forEach(print);
      }
      if (follow) {
        followUntilInterrupted(feed, print);
      }
    }
    return 0;
  }

  /** The --kafka-config file's properties; none without one. */
  private Map<String, String> kafkaProperties() {
    if (kafkaConfig == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CliException("--kafka-config: cannot read " + kafkaConfig + ": " + e.getMessage());
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }

  // Ctrl-C ends the JVM; nothing is lost by not closing the consumer, which has no group. Tests
  // (and embedders) end a follow by interrupting the thread.
  private static void followUntilInterrupted(FleetEventFeed feed, Consumer<FleetEvent> print) {
    try {
      feed.follow(print);
    } catch (InterruptException e) {
      // The end asked for, not a failure.
    } finally {
      // Cleared so that closing the consumer is not interrupted too.
      Thread.interrupted();
    }
  }
}
