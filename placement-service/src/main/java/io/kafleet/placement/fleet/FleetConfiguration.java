package io.kafleet.placement.fleet;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

  @Bean
  KafkaSettings kafkaSettings(
      @Value("${kafleet.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${kafleet.schema-registry.url}") String schemaRegistryUrl,
      @Value("${kafleet.topic-prefix}") String topicPrefix,
      @Value("${kafleet.kafka.replication-factor}") short replicationFactor,
      @Value("${kafleet.kafka.max-object-bytes}") int maxObjectBytes) {
    return new KafkaSettings(
        bootstrapServers,
        schemaRegistryUrl,
        new Topics(topicPrefix),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty(),
        maxObjectBytes);
  }

  @Bean
  Leadership leadership(
      KafkaSettings settings,
      ClusterRegistry clusters,
      WorkStatusBoard reports,
      Clock clock,
      @Value("${kafleet.leadership.session-timeout:10s}") Duration sessionTimeout) {
    return new Leadership(settings, clusters, reports, clock, sessionTimeout);
  }
}
