package io.kafleet.agent;

import io.kafleet.agent.heartbeat.HeartbeatSettings;
import io.kafleet.agent.query.QuerySettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heartbeat's and the query service's settings from environment variables: {@value #LABELS}
 * ({@code k=v,k2=v2}), {@value #PROVIDER}, {@value #REGION}, {@value #ZONE}, {@value
 * #HEARTBEAT_INTERVAL_MS}, and {@value #QUERY_ALLOWED_KINDS} ({@code *}, {@code Kind} or {@code
 * group/Kind}, comma separated).
 */
public final class AgentServiceSettings {

  public static final String LABELS = "KAFLEET_CLUSTER_LABELS";
  public static final String PROVIDER = "KAFLEET_CLUSTER_PROVIDER";
  public static final String REGION = "KAFLEET_CLUSTER_REGION";
  public static final String ZONE = "KAFLEET_CLUSTER_ZONE";
  public static final String HEARTBEAT_INTERVAL_MS = "KAFLEET_HEARTBEAT_INTERVAL_MS";
  public static final String QUERY_ALLOWED_KINDS = "KAFLEET_QUERY_ALLOWED_KINDS";

  private AgentServiceSettings() {}

  static HeartbeatSettings heartbeat(Environment env) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String label : env.list(LABELS, List.of())) {
      String[] keyValue = label.split("=", 2);
      if (keyValue.length != 2 || keyValue[0].isBlank()) {
        throw new InvalidSettingException(LABELS, "'" + label + "' is not key=value");
      }
      labels.put(keyValue[0].strip(), keyValue[1].strip());
    }
    String version = AgentServiceSettings.class.getPackage().getImplementationVersion();
    return HeartbeatSettings.of(version == null ? "dev" : version)
        .withInterval(
            Duration.ofMillis(
                env.positiveLong(
                    HEARTBEAT_INTERVAL_MS, HeartbeatSettings.DEFAULT_INTERVAL.toMillis())))
        .withLabels(labels)
        .withLocation(
            env.optional(PROVIDER).orElse(null),
            env.optional(REGION).orElse(null),
            env.optional(ZONE).orElse(null));
  }

  static QuerySettings query(Environment env) {
    return QuerySettings.defaults()
        .withAllowedKinds(env.list(QUERY_ALLOWED_KINDS, List.of(QuerySettings.EVERY_KIND)));
  }
}
