package io.kafleet.placement;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The control plane: decides which member cluster gets which object. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlacementServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(PlacementServiceApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
