package io.kafleet.placement.kafka;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.ClusterSettings;
import io.kafleet.placement.handlers.TemplateSealing;
import io.kafleet.placement.metrics.PlacementMetrics;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.schemas.Topics;
import io.kafleet.sealing.SealingKeys;
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
import org.springframework.core.env.Environment;

/** The Kafka adapter's beans: settings, sealing, and the election of the one writing instance. */
@Configuration(proxyBeanMethods = false)
class LeaderConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LeaderConfiguration.class);

  /**
   * Kafka's settings; {@code kafleet.kafka.properties} is a map of client properties (its keys with
   * dots, e.g. {@code kafleet.kafka.properties[sasl.mechanism]=SCRAM-SHA-512}).
   */
  @Bean
  KafkaSettings kafkaSettings(
      Environment environment,
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
        maxObjectBytes,
        KafkaClientProperties.of(environment));
  }

  /**
   * How Secret works are sealed and hashed. The hash key derives from {@code
   * kafleet.secrets.control-plane-key}; without one it is random, which costs one re-send of each
   * sealed work after a restart.
   */
  @Bean
  SecretSealing secretSealing(
      @Value("${kafleet.secrets.allow-plaintext:false}") boolean allowPlaintext,
      @Value("${kafleet.secrets.control-plane-key:}") String controlPlaneKey) {
    if (allowPlaintext) {
      log.warn(
          "kafleet.secrets.allow-plaintext is on: Secrets go unsealed to clusters without a"
              + " sealing key, and Secret templates are stored unsealed without a control-plane"
              + " key; never do this outside a dev setup");
    }
    byte[] hashKey =
        controlPlaneKey(controlPlaneKey)
            .map(root -> SealingKeys.derive(root, "content hash"))
            .orElseGet(
                () -> {
                  byte[] random = new byte[32];
                  new SecureRandom().nextBytes(random);
                  return random;
                });
    return new SecretSealing(allowPlaintext, hashKey);
  }

  /** How Secret templates are stored: sealed with a key derived from the control-plane key. */
  @Bean
  TemplateSealing templateSealing(
      @Value("${kafleet.secrets.allow-plaintext:false}") boolean allowPlaintext,
      @Value("${kafleet.secrets.control-plane-key:}") String controlPlaneKey) {
    return new TemplateSealing(
        controlPlaneKey(controlPlaneKey).map(root -> SealingKeys.derive(root, "template values")),
        allowPlaintext);
  }

  /** placement-service's own secret: base64, at least 32 bytes; empty when not set. */
  private static Optional<byte[]> controlPlaneKey(String base64) {
    if (base64.isBlank()) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kafleet.secrets.control-plane-key is not base64");
    }
    if (key.length < 32) {
      throw new IllegalArgumentException(
          "kafleet.secrets.control-plane-key has " + key.length + " bytes; at least 32 are needed");
    }
    return Optional.of(key);
  }

  @Bean
  Leadership leadership(
      KafkaSettings settings,
      ClusterRegistry clusters,
      ClusterSettings clusterSettings,
      WorkStatusBoard reports,
      SecretSealing sealing,
      TemplateSealing templateSealing,
      PlacementMetrics metrics,
      Clock clock,
      @Value("${kafleet.leadership.session-timeout:10s}") Duration sessionTimeout) {
    return new Leadership(
        settings,
        clusters,
        reports,
        sealing,
        templateSealing,
        metrics,
        clock,
        sessionTimeout,
        clusterSettings.evictionGracePeriod());
  }
}
