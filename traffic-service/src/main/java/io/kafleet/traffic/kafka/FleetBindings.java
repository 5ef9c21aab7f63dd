package io.kafleet.traffic.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * What traffic-service follows once it has read its topics to the end at start-up ({@link
 * TrafficStartup}), as Spring Cloud Stream functional beans, each bound in {@code
 * traffic-service.yaml} in batch mode and decoded natively by kafleet's Avro serde:
 *
 * <ul>
 *   <li>{@code fleetWorks} ({@code fleetWorks-in-0}, pattern {@code kafleet\.(templates|es\..+)}):
 *       the routing templates and what placement-service sent each cluster for them;
 *   <li>{@code fleetStatus} ({@code fleetStatus-in-0}, pattern {@code kafleet\.status\..+}): what
 *       the agents report, the convergence of shifts and the canaries' health;
 *   <li>{@code rolloutRequested} ({@code rolloutRequested-in-0}, {@code kafleet.rollout.requests}):
 *       rollouts asked by a CI pipeline (or through the API, read back).
 * </ul>
 *
 * They run only while this instance leads ({@link ConsumerBindings}), into the current term's
 * books; every consumer resumes where the term's start-up read (or its own last batch) stopped:
 * {@link #resumeWhereRead}. A batch that arrives as a term ends is dropped: the next term reads it
 * again. A record that cannot be read (see {@link io.kafleet.serde.PoisonTolerantDeserializer})
 * reaches {@link Traffic} like any other, which skips it with a {@code RecordSkipped} event: no
 * poison record stops or loops a binding.
 */
@Configuration(proxyBeanMethods = false)
class FleetBindings {

  @Bean
  Consumer<Message<List<Object>>> fleetWorks(TrafficLeadership leadership) {
    return message -> leadership.term().ifPresent(term -> fleet(term, message));
  }

  @Bean
  Consumer<Message<List<Object>>> fleetStatus(TrafficLeadership leadership) {
    return message -> leadership.term().ifPresent(term -> fleet(term, message));
  }

  @Bean
  Consumer<Message<List<Object>>> rolloutRequested(TrafficLeadership leadership) {
    return message ->
        leadership
            .term()
            .ifPresent(
                term -> {
                  for (FleetRecord record : records(message)) {
                    term.traffic().onRolloutRequest(record);
                    term.positions().read(record);
                  }
                });
  }

  /**
   * Seeks every partition a binding's consumer is given to where the current term read up to; a
   * partition it never read (a member that joined since) starts from the beginning, as the
   * bindings' {@code start-offset: earliest} says.
   */
  @Bean
  KafkaBindingRebalanceListener resumeWhereRead(TrafficLeadership leadership) {
    return resumeWhere(() -> leadership.term().map(TrafficLeadership.Term::positions));
  }

  /** Seeks to {@code positions}, the current term's read positions (none: no term, no seek). */
  static KafkaBindingRebalanceListener resumeWhere(Supplier<Optional<ReadPositions>> positions) {
    return new KafkaBindingRebalanceListener() {
      @Override
      public void onPartitionsAssigned(
          String bindingName,
          org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
          Collection<TopicPartition> partitions,
          boolean initial) {
        positions
            .get()
            .ifPresent(
                read -> {
                  for (TopicPartition partition : partitions) {
                    read.of(partition).ifPresent(next -> consumer.seek(partition, next));
                  }
                });
      }
    };
  }

  private static void fleet(TrafficLeadership.Term term, Message<List<Object>> batch) {
    List<FleetRecord> records = records(batch);
    term.traffic().onFleet(records);
    records.forEach(term.positions()::read);
  }

  /** In batch mode each header holds one value per record, in the payload's order. */
  static List<FleetRecord> records(Message<List<Object>> message) {
    List<Object> values = message.getPayload();
    List<?> topics = header(message, KafkaHeaders.RECEIVED_TOPIC);
    List<?> partitions = header(message, KafkaHeaders.RECEIVED_PARTITION);
    List<?> offsets = header(message, KafkaHeaders.OFFSET);
    List<?> keys = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
    List<FleetRecord> records = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      records.add(
          new FleetRecord(
              String.valueOf(topics.get(i)),
              ((Number) partitions.get(i)).intValue(),
              ((Number) offsets.get(i)).longValue(),
              keys == null || keys.get(i) == null ? null : String.valueOf(keys.get(i)),
              value instanceof KafkaNull ? null : value));
    }
    return records;
  }

  private static List<?> header(Message<?> message, String name) {
    List<?> values = message.getHeaders().get(name, List.class);
    if (values == null) {
      throw new IllegalStateException("a batch came without its " + name + " header");
    }
    return values;
  }
}
