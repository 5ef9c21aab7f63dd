package io.kafleet.placement.web;

import io.kafleet.placement.handlers.ApplyResult;
import io.kafleet.placement.kafka.Leadership;
import io.kafleet.placement.metrics.PlacementMetrics;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code kubectl apply -f} for the fleet: multi-document YAML or JSON in the body. */
@RestController
class ApplyController {

  private final Leadership leadership;
  private final PlacementMetrics metrics;

  ApplyController(Leadership leadership, PlacementMetrics metrics) {
    this.leadership = leadership;
    this.metrics = metrics;
  }

  @PostMapping("/api/v1/apply")
  List<ApplyResult> apply(
      @RequestBody String body,
      @RequestParam(name = "source", defaultValue = "request") String source) {
    return metrics.timeApply(() -> leadership.leading().templates().apply(source, body, "api"));
  }
}
