package io.kafleet.traffic.api;

import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.kafka.Traffic;
import io.kafleet.traffic.kafka.TrafficLeadership;
import io.kafleet.traffic.shifts.ShiftRequestReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/** Weight shifts: ask for one, follow it, and read a VirtualService's history of them. */
@RestController
@RequestMapping("/api/v1")
class ShiftController {

  private final TrafficLeadership leadership;

  ShiftController(TrafficLeadership leadership) {
    this.leadership = leadership;
  }

  /** 202 with the shift's id once the command is on Kafka; 400 naming the field otherwise. */
  @PostMapping("/shifts")
  ResponseEntity<Map<String, Object>> shift(@RequestBody JsonNode body) {
    Traffic.Accepted accepted = leadership.leading().request(ShiftRequestReader.read(body));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/shifts/" + accepted.shiftId()))
        .body(Map.of("shiftId", accepted.shiftId(), "clusters", accepted.targets()));
  }

  @GetMapping("/shifts/{id}")
  ShiftView shift(@PathVariable String id) {
    return leadership
        .leading()
        .shift(id)
        .map(ShiftView::of)
        .orElseThrow(
            () ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no shift " + id + " is known"));
  }

  @GetMapping("/virtualservices/{namespace}/{name}/history")
  Map<String, Object> history(@PathVariable String namespace, @PathVariable String name) {
    ObjectKey key = ObjectKeys.virtualService(namespace, name);
    Traffic traffic = leadership.leading();
    List<ShiftView> changes = traffic.history(key).stream().map(ShiftView::of).toList();
    if (changes.isEmpty() && !traffic.knows(key)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "VirtualService " + namespace + "/" + name + " is not a fleet template");
    }
    return Map.of("virtualService", namespace + "/" + name, "changes", changes);
  }
}
