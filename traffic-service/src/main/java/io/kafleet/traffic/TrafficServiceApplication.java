package io.kafleet.traffic;

import io.kafleet.schemas.Topics;
import io.kafleet.security.ApiSecurityConfiguration;
import io.kafleet.traffic.analysis.PrometheusServers;
import io.kafleet.traffic.kafka.TrafficClientProperties;
import io.kafleet.traffic.kafka.TrafficSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Istio traffic across the fleet: validated weight shifts and their convergence per cluster. */
@SpringBootApplication
// Reads need viewer, every write (shifts, rollouts and their actions) operator.
@Import(ApiSecurityConfiguration.class)
public class TrafficServiceApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application with its own configuration file, {@code traffic-service.yaml}, so that it can
   * share a JVM (the dev stack) with kafleet's other services without reading theirs.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(TrafficServiceApplication.class)
        .properties("spring.config.name=traffic-service")
        .initializers(new TrafficClientProperties());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TrafficSettings trafficSettings(
      @Value("${kafleet.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${kafleet.schema-registry.url}") String schemaRegistryUrl,
      @Value("${kafleet.topic-prefix}") String topicPrefix,
      @Value("${kafleet.kafka.replication-factor}") short replicationFactor,
      @Value("${kafleet.traffic.convergence-timeout}") Duration convergenceTimeout,
      @Value("${kafleet.traffic.evaluate-interval}") Duration evaluateInterval,
      @Value("${kafleet.leadership.session-timeout}") Duration leaderSessionTimeout,
      Environment environment) {
    return new TrafficSettings(
        bootstrapServers,
        schemaRegistryUrl,
        new Topics(topicPrefix),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty(),
        convergenceTimeout,
        evaluateInterval,
        leaderSessionTimeout,
        Binder.get(environment)
            .bind("kafleet.kafka.properties", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of()),
        prometheusServers(environment));
  }

  /** {@code kafleet.traffic.analysis.*}: a global Prometheus, and any cluster's own. */
  static PrometheusServers prometheusServers(Environment environment) {
    String global = environment.getProperty("kafleet.traffic.analysis.prometheus-url", "");
    Map<String, URI> perCluster = new TreeMap<>();
    Binder.get(environment)
        .bind(
            "kafleet.traffic.analysis.cluster-prometheus-urls",
            Bindable.mapOf(String.class, String.class))
        .orElse(Map.of())
        .forEach((cluster, url) -> perCluster.put(cluster, URI.create(url)));
    return new PrometheusServers(
        global.isBlank() ? null : URI.create(global),
        environment.getProperty("kafleet.traffic.analysis.cluster-label", "cluster"),
        perCluster);
  }
}
