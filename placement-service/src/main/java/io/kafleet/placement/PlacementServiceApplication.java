package io.kafleet.placement;

import io.kafleet.console.ConsoleConfiguration;
import io.kafleet.placement.kafka.KafkaClientProperties;
import io.kafleet.security.AccessRules;
import io.kafleet.security.ApiSecurityConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The control plane: decides which member cluster gets which object. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({ApiSecurityConfiguration.class, ConsoleConfiguration.class})
public class PlacementServiceApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /**
   * The application with its own configuration file, {@code placement-service.yaml}, so that it can
   * share a JVM (the dev stack) with kafleet's other services without reading theirs.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(PlacementServiceApplication.class)
        .properties("spring.config.name=placement-service")
        .initializers(new KafkaClientProperties());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Decisions on member clusters (accept, admission, join, leave) and Kafka access for tools
   * (readers) are admin's.
   */
  @Bean
  AccessRules accessRules() {
    return AccessRules.withAdminWrites("/api/v1/clusters/**", "/api/v1/access/**");
  }
}
