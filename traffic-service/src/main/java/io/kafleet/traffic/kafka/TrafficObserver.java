package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * What is told of what a term's {@link TrafficPublisher} does: its producer, when it opens (for the
 * client's metrics), and the fleet events of each decision once its transaction committed. Only
 * this instance's own committed writes arrive here; what a term reads back from the topics at its
 * start never does, so nothing is counted twice across a restart or a takeover.
 */
public interface TrafficObserver {

  /** Observes nothing. */
  TrafficObserver NONE =
      new TrafficObserver() {
        @Override
        public AutoCloseable producerOpened(Producer<?, ?> producer) {
          return () -> {};
        }

        @Override
        public void committed(List<FleetEvent> events) {}
      };

  /**
   * The term's transactional producer is open.
   *
   * @return what to close when the producer closes
   */
  AutoCloseable producerOpened(Producer<?, ?> producer);

  /** The fleet events one decision wrote, in the order sent, after its transaction committed. */
  void committed(List<FleetEvent> events);
}
