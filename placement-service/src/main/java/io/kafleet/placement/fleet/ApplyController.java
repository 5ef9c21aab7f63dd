package io.kafleet.placement.fleet;

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
    return leadership.leadingFleet().apply(source, body, "api");
  }
}
