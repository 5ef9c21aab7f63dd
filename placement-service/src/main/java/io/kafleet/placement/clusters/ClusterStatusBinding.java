package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads every member's status topic (binding {@code clusterStatus-in-0}). */
@Configuration(proxyBeanMethods = false)
class ClusterStatusBinding {

  @Bean
  Consumer<StatusEvent> clusterStatus(ClusterRegistry registry, MembershipMonitor monitor) {
    return event -> {
      if (event.getPayload() instanceof ClusterHeartbeat heartbeat) {
        registry.record(heartbeat);
        monitor.check();
      }
    };
  }
}
