package io.kafleet.placement.fleet;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.schemas.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FleetConfiguration.class);

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

  /**
   * How Secrets are sealed. Without {@code kafleet.secrets.hash-key} (base64, 32 bytes or more) a
   * random key is used, which costs one re-send of each sealed work after a restart.
   */
  @Bean
  SecretSealing secretSealing(
      @Value("${kafleet.secrets.allow-plaintext:false}") boolean allowPlaintext,
      @Value("${kafleet.secrets.hash-key:}") String hashKey) {
    if (allowPlaintext) {
      log.warn(
          "kafleet.secrets.allow-plaintext is on: Secrets go unsealed to clusters without a"
              + " sealing key; never do this outside a dev setup");
    }
    if (hashKey.isBlank()) {
      log.info(
          "kafleet.secrets.hash-key is not set: sealed Secret works are re-sent once after each"
              + " restart");
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      return new SecretSealing(allowPlaintext, random);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(hashKey.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kafleet.secrets.hash-key is not base64");
    }
    try {
      return new SecretSealing(allowPlaintext, key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kafleet.secrets.hash-key: " + e.getMessage());
    }
  }

  @Bean
  Leadership leadership(
      KafkaSettings settings,
      ClusterRegistry clusters,
      WorkStatusBoard reports,
      SecretSealing sealing,
      Clock clock,
      @Value("${kafleet.leadership.session-timeout:10s}") Duration sessionTimeout) {
    return new Leadership(settings, clusters, reports, sealing, clock, sessionTimeout);
  }
}
