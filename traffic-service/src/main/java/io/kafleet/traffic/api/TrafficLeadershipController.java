package io.kafleet.traffic.api;

import io.kafleet.traffic.kafka.TrafficLeadership;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether this instance leads (serves the API and writes) or stands by (answers 503). */
@RestController
class TrafficLeadershipController {

  private final TrafficLeadership leadership;

  TrafficLeadershipController(TrafficLeadership leadership) {
    this.leadership = leadership;
  }

  @GetMapping("/api/v1/leadership")
  Map<String, Boolean> leadership() {
    return Map.of("leader", leadership.isLeading());
  }
}
