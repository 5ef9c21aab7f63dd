package io.kafleet.agent;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's environment variables, read with errors that name the variable. Every service of the
 * agent reads its own settings from here.
 */
public record Environment(Map<String, String> variables) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  public static Environment system() {
    return new Environment(System.getenv());
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
