package io.kafleet.placement.fleet;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.schemas.Topics;
import java.time.Clock;
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
      @Value("${kafleet.kafka.replication-factor:-1}") short replicationFactor) {
    return new KafkaSettings(
        bootstrapServers,
        schemaRegistryUrl,
        new Topics(topicPrefix),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty());
  }

  @Bean(destroyMethod = "close")
  FleetStore fleetStore(KafkaSettings settings) {
    return new FleetStore(settings);
  }

  /** Serves only once the state is rebuilt from the topics. */
  @Bean
  Fleet fleet(
      FleetStore store,
      ClusterRegistry clusters,
      WorkStatusBoard reports,
      KafkaSettings settings,
      Clock clock) {
    FleetState state = new FleetState();
    store.load(state, clusters);
    return new Fleet(
        state,
        store,
        new Reconciler(state, store, clusters, settings, clock),
        clusters,
        reports,
        settings,
        clock);
  }
}
