package io.kafleet.traffic.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficPublisherTest {

  private final Topics topics = new Topics("t.");
  private final AtomicInteger resigned = new AtomicInteger();
  private MockProducer<String, Object> producer;
  private TrafficPublisher publisher;

  @BeforeEach
  void publisher() {
    Serializer<Object> values = (topic, value) -> new byte[0];
    producer = new MockProducer<>(true, null, new StringSerializer(), values);
    producer.initTransactions();
    publisher =
        new TrafficPublisher(producer, topics, resigned::incrementAndGet, TrafficObserver.NONE);
  }

  @Test
  void aStepsShiftAndItsEventAreCommittedTogetherInOneTransaction() {
    publisher.shift("networking.istio.io/VirtualService/default/podinfo", shift());
    publisher.event("rollout-1", stepStarted());
    assertThat(producer.transactionCommitted()).isFalse();
    assertThat(producer.uncommittedRecords()).hasSize(2);

    publisher.commit();

    assertThat(producer.commitCount()).isEqualTo(1);
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly(topics.trafficShifts(), topics.trafficEvents());
    assertThat(resigned).hasValue(0);
  }

  @Test
  void aDecisionThatWroteNothingOpensNoTransaction() {
    publisher.commit();

    assertThat(producer.transactionInFlight()).isFalse();
    assertThat(producer.commitCount()).isZero();
  }

  @Test
  void aFencedCommitGivesTheLeadAwayAndTellsTheCallerToRetryOnTheLeader() {
    producer.commitTransactionException = new ProducerFencedException("another leader");
    publisher.event("rollout-1", stepStarted());

    assertThatThrownBy(publisher::commit)
        .isInstanceOf(NotLeaderException.class)
        .hasMessageContaining("stands by");
    assertThat(resigned).hasValue(1);
  }

  @Test
  void theObserverHearsOfADecisionsEventsOnlyOnceItsTransactionCommitted() {
    List<List<FleetEvent>> heard = new ArrayList<>();
    TrafficPublisher observed =
        new TrafficPublisher(producer, topics, resigned::incrementAndGet, observer(heard));
    observed.shift("networking.istio.io/VirtualService/default/podinfo", shift());
    observed.event("rollout-1", stepStarted());
    assertThat(heard).as("before the commit").isEmpty();

    observed.commit();

    assertThat(heard).containsExactly(List.of(stepStarted()));
  }

  @Test
  void theObserverHearsNothingOfADecisionKafkaRefused() {
    List<List<FleetEvent>> heard = new ArrayList<>();
    TrafficPublisher observed =
        new TrafficPublisher(producer, topics, resigned::incrementAndGet, observer(heard));
    producer.commitTransactionException = new ProducerFencedException("another leader");
    observed.event("rollout-1", stepStarted());

    assertThatThrownBy(observed::commit).isInstanceOf(NotLeaderException.class);

    assertThat(heard).isEmpty();
  }

  private static TrafficObserver observer(List<List<FleetEvent>> heard) {
    return new TrafficObserver() {
      @Override
      public AutoCloseable producerOpened(org.apache.kafka.clients.producer.Producer<?, ?> p) {
        return () -> {};
      }

      @Override
      public void committed(List<FleetEvent> events) {
        heard.add(events);
      }
    };
  }

  /** Only its topic matters here: the values are not serialised. */
  private static TrafficShiftRequested shift() {
    return new TrafficShiftRequested(
        "shift-1",
        null,
        null,
        null,
        List.of(),
        "alice",
        "step 0 wave 0",
        "rollout-1",
        "rollout-1",
        Instant.EPOCH);
  }

  private static FleetEvent stepStarted() {
    return new FleetEvent(
        "event-1",
        "rollout-1",
        TrafficPublisher.SOURCE,
        Instant.EPOCH,
        new RolloutProgress(
            "rollout-1", null, RolloutPhase.StepStarted, 0, 0, 10, "shift shift-1", List.of()));
  }
}
