package io.kafleet.placement.access;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readers of the fleet events for Kafka tools (admin only: a reader is a Kafka credential). {@code
 * POST /api/v1/access/readers/{name}} with an optional {@code {"groupPrefix": "..."}} creates one
 * and answers its password, once; {@code DELETE} revokes it.
 */
@RestController
@RequestMapping("/api/v1/access/readers")
class ReaderAccessController {

  private final ReaderLifecycle readers;

  ReaderAccessController(ReaderLifecycle readers) {
    this.readers = readers;
  }

  @PostMapping("/{name}")
  @ResponseStatus(HttpStatus.CREATED)
  ReaderAnswer create(
      @PathVariable String name, @RequestBody(required = false) ReaderRequest body) {
    return readers.create(name, body);
  }

  @DeleteMapping("/{name}")
  ReaderAnswer.Revoked revoke(@PathVariable String name) {
    return readers.revoke(name);
  }

  /** Kafka refused or failed a step (e.g. placement-service's user may not create ACLs). */
  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> kafkaFailed(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Map.of("reason", String.valueOf(e.getMessage())));
  }
}
