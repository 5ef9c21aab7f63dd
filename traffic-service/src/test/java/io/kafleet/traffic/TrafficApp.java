package io.kafleet.traffic;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** A running traffic-service on a test broker; {@code --key=value} overrides its settings. */
public final class TrafficApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private TrafficApp(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static TrafficApp start(
      EmbeddedKafkaBroker broker, String registryUrl, String topicPrefix, String... overrides) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("kafleet.kafka.bootstrap-servers", broker.bootstrapServers());
    properties.put("kafleet.schema-registry.url", registryUrl);
    properties.put("kafleet.topic-prefix", topicPrefix);
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
