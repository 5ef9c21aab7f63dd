package io.kafleet.traffic.api;

import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.kafka.TrafficLeadership;
import io.kafleet.traffic.shifts.VirtualServiceView;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The VirtualService templates and their weights per cluster: what placement-service sent each
 * cluster beside what its agent read back, and the last shift asked of each.
 */
@RestController
@RequestMapping("/api/v1/virtualservices")
class VirtualServiceController {

  private final TrafficLeadership leadership;

  VirtualServiceController(TrafficLeadership leadership) {
    this.leadership = leadership;
  }

  /** Every VirtualService template, by namespace then name. */
  @GetMapping
  List<VirtualServiceView> list() {
    return leadership.leading().virtualServices();
  }

  @GetMapping("/{namespace}/{name}")
  VirtualServiceView one(@PathVariable String namespace, @PathVariable String name) {
    return leadership
        .leading()
        .virtualService(ObjectKeys.virtualService(namespace, name))
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    "VirtualService " + namespace + "/" + name + " is not a fleet template"));
  }
}
