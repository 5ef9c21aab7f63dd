package io.kafleet.placement.clusters;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/clusters")
class ClusterController {

  private final ClusterRegistry registry;

  ClusterController(ClusterRegistry registry) {
    this.registry = registry;
  }

  @GetMapping
  List<MemberCluster> list() {
    return registry.list();
  }

  @GetMapping("/{name}")
  MemberCluster get(@PathVariable String name) {
    return registry
        .get(name)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "cluster '" + name + "' has sent no heartbeat"));
  }
}
