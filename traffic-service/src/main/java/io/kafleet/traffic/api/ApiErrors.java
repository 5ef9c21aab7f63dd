package io.kafleet.traffic.api;

import io.kafleet.traffic.InvalidInputException;
import io.kafleet.traffic.kafka.NotLeaderException;
import io.kafleet.traffic.kafka.NotReadyException;
import io.kafleet.traffic.kafka.ShiftRejectedException;
import io.kafleet.traffic.kafka.UnknownRolloutException;
import io.kafleet.traffic.rollouts.RolloutConflictException;
import io.kafleet.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every API error is JSON with a reason, and the offending field where there is one; a rejected
 * shift also lists every violation, so all can be fixed at once.
 */
@RestControllerAdvice
class ApiErrors {

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
    return badRequest(List.of(new Violation(e.field(), e.reason())));
  }

  @ExceptionHandler(ShiftRejectedException.class)
  ResponseEntity<Map<String, Object>> rejected(ShiftRejectedException e) {
    return badRequest(e.violations());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return badRequest(List.of(new Violation("", "the request body is not valid JSON")));
  }

  @ExceptionHandler(RolloutConflictException.class)
  ResponseEntity<Map<String, Object>> conflict(RolloutConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("reason", e.getMessage()));
  }

  @ExceptionHandler(UnknownRolloutException.class)
  ResponseEntity<Map<String, Object>> unknown(UnknownRolloutException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("reason", e.getMessage()));
  }

  @ExceptionHandler(NotReadyException.class)
  ResponseEntity<Map<String, Object>> notReady(NotReadyException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "2")
        .body(Map.of("reason", e.getMessage()));
  }

  /** A standby (or an instance that just lost the lead): the caller retries, on the leader. */
  @ExceptionHandler(NotLeaderException.class)
  ResponseEntity<Map<String, Object>> notLeader(NotLeaderException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "2")
        .body(Map.of("reason", e.getMessage()));
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode())
        .body(Map.of("reason", String.valueOf(e.getReason())));
  }

  private static ResponseEntity<Map<String, Object>> badRequest(List<Violation> violations) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", violations.get(0).message());
    body.put("field", violations.get(0).field());
    body.put(
        "violations",
        violations.stream().map(v -> Map.of("field", v.field(), "reason", v.message())).toList());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
  }
}
