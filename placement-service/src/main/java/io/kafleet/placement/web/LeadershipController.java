package io.kafleet.placement.web;

import io.kafleet.placement.kafka.Leadership;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether this instance leads; for load balancers and operators. */
@RestController
class LeadershipController {

  private final Leadership leadership;

  LeadershipController(Leadership leadership) {
    this.leadership = leadership;
  }

  @GetMapping("/api/v1/leadership")
  Map<String, Boolean> leadership() {
    return Map.of("leader", leadership.term().isPresent());
  }
}
