package io.kafleet.placement.fleet;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.schemas.Topics;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

  @Bean
  KafkaSettings kafkaSettings(
      @Value("${kafleet.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${kafleet.schema-registry.url}") String schemaRegistryUrl,
      @Value("${kafleet.topic-prefix}") String topicPrefix) {
    return new KafkaSettings(bootstrapServers, schemaRegistryUrl, new Topics(topicPrefix));
  }

  @Bean(destroyMethod = "close")
  FleetStore fleetStore(KafkaSettings settings) {
    return new FleetStore(settings);
  }

  /** Serves only once the state is rebuilt from the topics. */
  @Bean
  Fleet fleet(FleetStore store, ClusterRegistry clusters, KafkaSettings settings) {
    FleetState state = new FleetState();
    store.load(state);
    Clock clock = Clock.systemUTC();
    return new Fleet(
        state, store, new Reconciler(state, store, clusters, settings, clock), settings, clock);
  }
}
