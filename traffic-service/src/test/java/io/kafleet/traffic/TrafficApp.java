package io.kafleet.traffic;

import io.kafleet.kafka.embedded.KafkaBroker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** A running traffic-service on a test broker; {@code --key=value} overrides its settings. */
public final class TrafficApp implements AutoCloseable {

  /** Static tokens the app knows, one per role; {@link ServiceHttp} calls as admin. */
  public static final String ADMIN_TOKEN = "test-admin-token";

  public static final String OPERATOR_TOKEN = "test-operator-token";
  public static final String VIEWER_TOKEN = "test-viewer-token";

  private final ConfigurableApplicationContext context;

  private TrafficApp(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static TrafficApp start(
      KafkaBroker broker, String registryUrl, String topicPrefix, String... overrides) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("kafleet.kafka.bootstrap-servers", broker.bootstrapServers());
    properties.put("kafleet.schema-registry.url", registryUrl);
    properties.put("kafleet.topic-prefix", topicPrefix);
    String[][] tokens = {
      {"test-admin", "admin", ADMIN_TOKEN},
      {"test-operator", "operator", OPERATOR_TOKEN},
      {"test-viewer", "viewer", VIEWER_TOKEN}
    };
    for (int i = 0; i < tokens.length; i++) {
      String entry = "kafleet.security.static-tokens[" + i + "].";
      properties.put(entry + "name", tokens[i][0]);
      properties.put(entry + "role", tokens[i][1]);
      properties.put(entry + "token", tokens[i][2]);
    }
    properties.put("kafleet.traffic.evaluate-interval", "200ms");
    for (String override : overrides) {
      String[] keyValue = override.replaceFirst("^--", "").split("=", 2);
      properties.put(keyValue[0], keyValue[1]);
    }
    String[] args =
        properties.entrySet().stream()
            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    return new TrafficApp(TrafficServiceApplication.builder().run(args));
  }

  public String url(String path) {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path;
  }

  @Override
  public void close() {
    context.close();
  }
}
