package io.kafleet.placement.fleet;

import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code kubectl apply -f} for the fleet: multi-document YAML or JSON in the body. */
@RestController
class ApplyController {

  private final Fleet fleet;

  ApplyController(Fleet fleet) {
    this.fleet = fleet;
  }

  @PostMapping("/api/v1/apply")
  List<ApplyResult> apply(
      @RequestBody String body,
      @RequestParam(name = "source", defaultValue = "request") String source) {
    return fleet.apply(source, body, "api");
  }
}
