package io.kafleet.placement.kafka;

import io.kafleet.placement.events.RecentEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's event tail: the recent fleet events, and the reader that keeps them. */
@Configuration(proxyBeanMethods = false)
class FleetEventsConfiguration {

  /** Enough for a page of both topics' recent events; the tail starts with up to 500 of each. */
  @Bean
  RecentEvents recentEvents() {
    return new RecentEvents(2 * FleetEventTail.REPLAY_PER_PARTITION);
  }

  @Bean
  FleetEventTail fleetEventTail(KafkaSettings settings, RecentEvents events) {
    return new FleetEventTail(settings, events);
  }
}
