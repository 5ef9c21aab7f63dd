package io.kafleet.placement.web;

import io.kafleet.placement.handlers.ApplyResult;
import io.kafleet.placement.kafka.Leadership;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code kubectl apply -f} for the fleet: multi-document YAML or JSON in the body. */
@RestController
class ApplyController {

  private final Leadership leadership;

  ApplyController(Leadership leadership) {
    this.leadership = leadership;
  }

  @PostMapping("/api/v1/apply")
  List<ApplyResult> apply(
      @RequestBody String body,
      @RequestParam(name = "source", defaultValue = "request") String source) {
    return leadership.leading().templates().apply(source, body, "api");
  }
}
