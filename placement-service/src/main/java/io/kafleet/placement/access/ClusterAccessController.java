package io.kafleet.placement.access;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A member cluster's join, credential rotation and leave (admin only, as every cluster write). */
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterAccessController {

  private final ClusterLifecycle lifecycle;

  ClusterAccessController(ClusterLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @PostMapping("/{name}/join")
  @ResponseStatus(HttpStatus.CREATED)
  AccessAnswers.Joined join(
      @PathVariable String name, @RequestBody(required = false) JoinRequest body) {
    return lifecycle.join(name, body);
  }

  @PostMapping("/{name}/rotate")
  AccessAnswers.Rotated rotate(@PathVariable String name) {
    return lifecycle.rotate(name);
  }

  /** Kafka refused or failed a step (e.g. placement-service's user may not create ACLs). */
  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> kafkaFailed(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Map.of("reason", String.valueOf(e.getMessage())));
  }

  @PostMapping("/{name}/leave")
  LeaveOutcome leave(
      @PathVariable String name, @RequestParam(defaultValue = "false") boolean keepResources) {
    return lifecycle.leave(name, keepResources);
  }
}
