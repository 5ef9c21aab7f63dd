package io.kafleet.placement.fleet;

import io.kafleet.placement.input.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
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

  @ExceptionHandler(InvalidInputException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  Map<String, String> invalid(InvalidInputException e) {
    return Map.of("reason", e.reason(), "field", e.field());
  }
}
