package io.kafleet.placement.access;

import io.kafleet.placement.kafka.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  /** With placement-service's own Kafka credentials, which must be an admin's (ALTER, CREATE). */
  @Bean
  ClusterAccess clusterAccess(KafkaSettings settings) {
    return new ClusterAccess(settings.admin(), settings.topics(), settings.replicationFactor());
  }

  /** With placement-service's own Kafka credentials (ALTER on the cluster). */
  @Bean
  ReaderAccess readerAccess(KafkaSettings settings) {
    return new ReaderAccess(settings.admin());
  }
}
