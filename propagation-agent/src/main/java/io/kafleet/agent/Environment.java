package io.kafleet.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The agent's environment variables, read with errors that name the variable. Every service of the
 * agent reads its own settings from here.
 */
public record Environment(Map<String, String> variables) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /**
   * The directory of a mounted Secret whose files {@code KAFLEET_KAFKA_*} hold the agent's Kafka
   * login; read again while the agent runs, so that a rotated password reaches it (see {@link
   * RotatingAgent}). Its files win over the variables of the same names.
   */
  public static final String LOGIN_DIR = "KAFLEET_LOGIN_DIR";

  public static Environment system() {
    return new Environment(System.getenv());
  }

  /**
   * These variables with the files {@code KAFLEET_KAFKA_*} of {@link #LOGIN_DIR} (when set) read
   * now, as Kubernetes writes a mounted Secret: one file per key, holding its value.
   */
  public Environment withLoginFiles() {
    Optional<String> dir = optional(LOGIN_DIR);
    if (dir.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new LinkedHashMap<>(variables);
    try (Stream<Path> files = Files.list(Path.of(dir.get()))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(AgentSettings.KAFKA_PROPERTY_PREFIX) && Files.isRegularFile(file)) {
          merged.put(name, Files.readString(file).strip());
        }
      }
    } catch (IOException | InvalidPathException e) {
      throw new InvalidSettingException(
          LOGIN_DIR, "cannot read " + dir.get() + ": " + e.getClass().getSimpleName());
    }
    return new Environment(merged);
  }

  /** Names only: values may be passwords. */
  @Override
  public String toString() {
    return "Environment" + new java.util.TreeSet<>(variables.keySet());
  }

  public String required(String name) {
    return optional(name)
        .orElseThrow(() -> new InvalidSettingException(name, "is required but not set"));
  }

  /** The value, or empty when unset or blank. */
  public Optional<String> optional(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String optional(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public long positiveLong(String name, long fallback) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new InvalidSettingException(name, "'" + value.get() + "' is not a positive whole number");
  }

  /** A comma-separated list; empty entries are ignored. */
  public List<String> list(String name, List<String> fallback) {
    return optional(name)
        .map(value -> Arrays.stream(value.split(",")).map(String::strip))
        .map(entries -> entries.filter(entry -> !entry.isEmpty()).toList())
        .orElse(fallback);
  }

  /**
   * Variables starting with the prefix, as client properties: {@code KAFLEET_KAFKA_SASL_MECHANISM}
   * under prefix {@code KAFLEET_KAFKA_} becomes {@code sasl.mechanism}.
   */
  public Map<String, String> properties(String prefix) {
    Map<String, String> properties = new LinkedHashMap<>();
    variables.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(prefix))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry ->
                properties.put(
                    entry
                        .getKey()
                        .substring(prefix.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.'),
                    entry.getValue()));
    return properties;
  }
}
