package io.kafleet.agent;

import io.kafleet.agent.logging.AgentLogging;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the agent writes its log lines on stdout, from {@value #VARIABLE}: {@code text} (the default)
 * or {@code json}, one JSON object a line with the agent's cluster in every line's MDC.
 */
public enum LogFormat {
  TEXT,
  JSON;

  public static final String VARIABLE = "KAFLEET_LOG_FORMAT";

  /** The format the variable names; unset or blank is {@code text}; case matters. */
  public static LogFormat fromEnvironment(Environment env) {
    String value = env.variables().get(VARIABLE);
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    return Arrays.stream(values())
        .filter(format -> format.value().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidSettingException(
                    VARIABLE, "'" + value + "' is not a log format: text or json"));
  }

  /** The variable's value for this format. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Makes the agent's log lines from now on this format's; text is what logback.xml sets. */
  public void use(String cluster) {
    if (this == JSON) {
      AgentLogging.useJson(cluster);
    }
  }
}
