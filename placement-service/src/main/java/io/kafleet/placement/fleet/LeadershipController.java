package io.kafleet.placement.fleet;

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
    return Map.of("leader", leadership.fleet().isPresent());
  }
}
