package io.kafleet.placement.web;

import io.kafleet.placement.events.RecentEvents;
import io.kafleet.placement.events.TailedEvent;
import io.kafleet.placement.input.InvalidInputException;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The fleet events of both event topics, for the console: the most recent as a JSON array, or as a
 * stream of server-sent events that goes on with each new one. Every instance answers (a standby
 * reads the topics too).
 */
@RestController
@RequestMapping("/api/v1/events")
class EventsController {

  private final RecentEvents events;
  private final EventStreams streams;

  EventsController(RecentEvents events, EventStreams streams) {
    this.events = events;
    this.streams = streams;
  }

  /** The most recent events, oldest first, each as {@code kafleet events -o json} prints it. */
  @GetMapping
  ResponseEntity<String> recent(
      @RequestParam(defaultValue = "" + RecentEvents.DEFAULT_LIMIT) int limit) {
    checkLimit(limit);
    String array =
        events.latest(limit).stream()
            .map(TailedEvent::json)
            .collect(Collectors.joining(",", "[", "]"));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(array);
  }

  /** {@code text/event-stream}: the most recent events, then each new one as it is committed. */
  @GetMapping("/stream")
  ResponseEntity<ResponseBodyEmitter> stream(
      @RequestParam(defaultValue = "" + RecentEvents.DEFAULT_LIMIT) int limit) {
    checkLimit(limit);
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_EVENT_STREAM)
        .cacheControl(CacheControl.noStore())
        // Proxies (nginx) pass each message on at once.
        .header("X-Accel-Buffering", "no")
        .body(streams.open(limit));
  }

  private void checkLimit(int limit) {
    events
        .limitProblem(limit)
        .ifPresent(
            problem -> {
              throw new InvalidInputException("limit", problem);
            });
  }
}
