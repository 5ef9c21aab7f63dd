package io.kafleet.placement;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The control plane: decides which member cluster gets which object. */
@SpringBootApplication
public class PlacementServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(PlacementServiceApplication.class, args);
  }
}
