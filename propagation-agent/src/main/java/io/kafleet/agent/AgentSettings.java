package io.kafleet.agent;

import io.kafleet.agent.apply.FieldExclusions;
import io.kafleet.agent.apply.GuardRails;
import io.kafleet.schemas.AgentGroups;
import io.kafleet.schemas.Topics;
import io.kafleet.sealing.SealingException;
import io.kafleet.sealing.SealingKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent is told at start-up, from environment variables ({@link #fromEnvironment}).
 *
 * @param kafkaProperties extra Kafka client properties (credentials, TLS), from {@code
 *     KAFLEET_KAFKA_*}
 * @param applyConcurrency how many objects of one apply rank the agent applies at once, from
 *     {@value #APPLY_CONCURRENCY} (1 to {@value #MAX_APPLY_CONCURRENCY}, default {@value
 *     #DEFAULT_APPLY_CONCURRENCY})
 * @param sealingKey the cluster's private key, which opens the Secrets sealed for it; empty: a
 *     sealed work fails
 */
public record AgentSettings(
    String cluster,
    String bootstrapServers,
    String schemaRegistryUrl,
    Topics topics,
    GuardRails guardRails,
    FieldExclusions driftExclusions,
    Duration initialRetryBackoff,
    Duration maxRetryBackoff,
    Map<String, String> kafkaProperties,
    int applyConcurrency,
    Optional<PrivateKey> sealingKey) {

  public static final String CLUSTER = "KAFLEET_CLUSTER";
  public static final String BOOTSTRAP_SERVERS = "KAFLEET_BOOTSTRAP_SERVERS";
  public static final String SCHEMA_REGISTRY_URL = "KAFLEET_SCHEMA_REGISTRY_URL";
  public static final String TOPIC_PREFIX = "KAFLEET_TOPIC_PREFIX";
  public static final String ALLOWED_KINDS = "KAFLEET_ALLOWED_KINDS";
  public static final String DENIED_KINDS = "KAFLEET_DENIED_KINDS";
  public static final String ALLOWED_NAMESPACES = "KAFLEET_ALLOWED_NAMESPACES";
  public static final String DENIED_NAMESPACES = "KAFLEET_DENIED_NAMESPACES";
  public static final String DRIFT_EXCLUDED_FIELDS = "KAFLEET_DRIFT_EXCLUDED_FIELDS";
  public static final String RETRY_INITIAL_BACKOFF_MS = "KAFLEET_RETRY_INITIAL_BACKOFF_MS";
  public static final String RETRY_MAX_BACKOFF_MS = "KAFLEET_RETRY_MAX_BACKOFF_MS";
  public static final String KAFKA_PROPERTY_PREFIX = "KAFLEET_KAFKA_";
  public static final String APPLY_CONCURRENCY = "KAFLEET_APPLY_CONCURRENCY";
  public static final int DEFAULT_APPLY_CONCURRENCY = 32;

  /**
   * Each apply in flight holds a thread and an API server connection; past this the API server's
   * own in-flight limit, not the agent, decides the pace.
   */
  public static final int MAX_APPLY_CONCURRENCY = 256;

  public static final String SEALING_PRIVATE_KEY = "KAFLEET_SEALING_PRIVATE_KEY";
  public static final String SEALING_PRIVATE_KEY_FILE = "KAFLEET_SEALING_PRIVATE_KEY_FILE";

  public AgentSettings {
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  public static AgentSettings fromEnvironment(Environment env) {
    String cluster = env.required(CLUSTER);
    if (!Topics.isValidClusterName(cluster)) {
      throw new InvalidSettingException(
          CLUSTER, "'" + cluster + "' is not a DNS label (lower-case letters, digits, '-', 1-63)");
    }
    Topics topics;
    try {
      topics = new Topics(env.optional(TOPIC_PREFIX, ""));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(TOPIC_PREFIX, e.getMessage());
    }
    FieldExclusions exclusions;
    try {
      exclusions = FieldExclusions.parse(env.list(DRIFT_EXCLUDED_FIELDS, List.of()));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(DRIFT_EXCLUDED_FIELDS, e.getMessage());
    }
    long initial = env.positiveLong(RETRY_INITIAL_BACKOFF_MS, 1_000);
    long max = env.positiveLong(RETRY_MAX_BACKOFF_MS, 60_000);
    if (max < initial) {
      throw new InvalidSettingException(
          RETRY_MAX_BACKOFF_MS, max + " is less than " + RETRY_INITIAL_BACKOFF_MS + " " + initial);
    }
    return new AgentSettings(
        cluster,
        env.required(BOOTSTRAP_SERVERS),
        registryUrl(env.required(SCHEMA_REGISTRY_URL)),
        topics,
        guardRails(env),
        exclusions,
        Duration.ofMillis(initial),
        Duration.ofMillis(max),
        env.properties(KAFKA_PROPERTY_PREFIX),
        applyConcurrency(env),
        sealingKey(env));
  }

  /** Never prints the sealing key. */
  @Override
  public String toString() {
    return "AgentSettings[cluster=" + cluster + ", bootstrapServers=" + bootstrapServers + "]";
  }

  private static int applyConcurrency(Environment env) {
    long concurrency = env.positiveLong(APPLY_CONCURRENCY, DEFAULT_APPLY_CONCURRENCY);
    if (concurrency > MAX_APPLY_CONCURRENCY) {
      throw new InvalidSettingException(
          APPLY_CONCURRENCY,
          concurrency + " is more than " + MAX_APPLY_CONCURRENCY + " applies in flight at once");
    }
    return (int) concurrency;
  }

  /** From the variable, or from the file it names (a mounted Secret); never both. */
  private static Optional<PrivateKey> sealingKey(Environment env) {
    Optional<String> inline = env.optional(SEALING_PRIVATE_KEY);
    Optional<String> file = env.optional(SEALING_PRIVATE_KEY_FILE);
    if (inline.isPresent() && file.isPresent()) {
      throw new InvalidSettingException(
          SEALING_PRIVATE_KEY_FILE, "is set together with " + SEALING_PRIVATE_KEY + ": set one");
    }
    String variable = file.isPresent() ? SEALING_PRIVATE_KEY_FILE : SEALING_PRIVATE_KEY;
    Optional<String> base64 = inline;
    if (file.isPresent()) {
      try {
        base64 = Optional.of(Files.readString(Path.of(file.get())));
      } catch (IOException | InvalidPathException e) {
        throw new InvalidSettingException(
            variable, "cannot read " + file.get() + ": " + e.getClass().getSimpleName());
      }
    }
    try {
      return base64.map(SealingKeys::privateKey);
    } catch (SealingException e) {
      throw new InvalidSettingException(variable, e.getMessage());
    }
  }

  public String executionSpaceTopic() {
    return topics.executionSpace(cluster);
  }

  public String statusTopic() {
    return topics.status(cluster);
  }

  /** The agent's own consumer group: one per member cluster. */
  public String consumerGroup() {
    return AgentGroups.works(cluster);
  }

  private static String registryUrl(String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return url;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new InvalidSettingException(SCHEMA_REGISTRY_URL, "'" + url + "' is not an http(s) URL");
  }

  private static GuardRails guardRails(Environment env) {
    return new GuardRails(
        kinds(env, ALLOWED_KINDS, List.of()),
        kinds(env, DENIED_KINDS, GuardRails.DEFAULT_DENIED_KINDS),
        new HashSet<>(env.list(ALLOWED_NAMESPACES, List.of())),
        new HashSet<>(env.list(DENIED_NAMESPACES, List.of())));
  }

  private static HashSet<String> kinds(Environment env, String variable, List<String> fallback) {
    List<String> kinds = env.list(variable, fallback);
    for (String kind : kinds) {
      if (!kind.matches("[^/]+/[^/]+")) {
        throw new InvalidSettingException(
            variable,
            "'" + kind + "' is not of the form group/Kind (core/Secret, apps/Deployment)");
      }
    }
    return new HashSet<>(kinds);
  }
}
