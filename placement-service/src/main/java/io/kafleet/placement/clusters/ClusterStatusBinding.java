package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.fleet.KafkaSettings;
import io.kafleet.placement.fleet.Leadership;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.schemas.ObjectKey;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Reads every member's status topic (binding {@code clusterStatus-in-0}): heartbeats into the
 * cluster registry, work reports into the status board.
 */
@Configuration(proxyBeanMethods = false)
class ClusterStatusBinding {

  private static final Logger log = LoggerFactory.getLogger(ClusterStatusBinding.class);

  @Bean
  Consumer<Message<StatusEvent>> clusterStatus(
      ClusterRegistry registry,
      MembershipMonitor monitor,
      WorkStatusBoard reports,
      Leadership leadership,
      KafkaSettings settings) {
    return message -> {
      StatusEvent event = message.getPayload();
      String topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
      String cluster = topic.substring(settings.topics().statusPrefix().length());
      Object payload = event.getPayload();
      String claimed =
          payload instanceof ClusterHeartbeat heartbeat
              ? heartbeat.getCluster()
              : ((WorkStatus) payload).getCluster();
      // A topic speaks only for its own cluster: ACLs let each agent write only its own topic.
      if (!cluster.equals(event.getCluster()) || !cluster.equals(claimed)) {
        log.warn("ignored a status event claiming cluster '{}' on {}", claimed, topic);
        return;
      }
      if (payload instanceof ClusterHeartbeat heartbeat) {
        registry.record(heartbeat);
        monitor.check();
      } else if (reports.record((WorkStatus) payload)) {
        ObjectKey key = ObjectKey.parse(((WorkStatus) payload).getObjectKey());
        leadership.fleet().ifPresent(fleet -> fleet.reportedOn(key));
      }
    };
  }
}
