package io.kafleet.placement;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.kafka.NotLeaderException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/** Every API error is JSON with a reason, and the offending field where there is one. */
@RestControllerAdvice
class ApiErrors {

  /**
   * 400 with the first violation as reason and field, and every violation found, as traffic-service
   * answers, so that all can be fixed at once.
   */
  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", e.reason());
    body.put("field", e.field());
    body.put(
        "violations",
        e.violations().stream()
            .map(v -> Map.of("field", v.field(), "reason", v.message()))
            .toList());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
  }

  /** A body that is not JSON of the expected shape: 400, never the framework's own page. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause().getMessage();
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(
            Map.of(
                "reason",
                "the request body is not JSON of the expected shape: "
                    + (detail == null ? "" : detail.lines().findFirst().orElse("")),
                "field",
                "body"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> mismatch(MethodArgumentTypeMismatchException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(
            Map.of("reason", "'" + e.getValue() + "' is not a valid value", "field", e.getName()));
  }

  /** A standby says so; clients retry, or go to the leader. */
  @ExceptionHandler(NotLeaderException.class)
  ResponseEntity<Map<String, String>> standby(NotLeaderException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(Map.of("reason", e.getMessage()));
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, String>> status(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode())
        .body(Map.of("reason", String.valueOf(e.getReason())));
  }
}
