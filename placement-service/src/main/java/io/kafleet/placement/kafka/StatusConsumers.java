package io.kafleet.placement.kafka;

import io.kafleet.placement.metrics.StatusConsumerLag;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The status binding's consumers, as the binder creates them, and their lag: each consumer's own
 * {@code records-lag} per partition (the end of the partition less its position, as of its last
 * fetch), summed per status topic. Read from the consumer's metrics, which are safe to read from
 * any thread, unlike the consumer.
 */
@Component
class StatusConsumers implements ClientFactoryCustomizer, StatusConsumerLag {

  private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";

  private final Set<Consumer<?, ?>> consumers = ConcurrentHashMap.newKeySet();
  private final KafkaSettings settings;

  StatusConsumers(KafkaSettings settings) {
    this.settings = settings;
  }

  @Override
  public void configure(ConsumerFactory<?, ?> factory) {
    track(factory);
  }

  private <K, V> void track(ConsumerFactory<K, V> factory) {
    factory.addListener(new Tracker<K, V>());
  }

  @Override
  public Map<String, Long> byTopic() {
    String prefix = settings.topics().statusPrefix();
    Map<String, Long> lag = new TreeMap<>();
    for (Consumer<?, ?> consumer : consumers) {
      lagOf(consumer.metrics(), prefix)
          .forEach((topic, records) -> lag.merge(topic, records, Long::sum));
    }
    return lag;
  }

  /** The records-lag of each partition of the topics under the prefix, summed per topic. */
  static Map<String, Long> lagOf(Map<MetricName, ? extends Metric> metrics, String prefix) {
    Map<String, Long> lag = new TreeMap<>();
    metrics.forEach(
        (name, metric) -> {
          String topic = name.tags().get("topic");
          if (name.name().equals("records-lag")
              && name.group().equals(FETCH_METRICS)
              && name.tags().containsKey("partition")
              && topic != null
              && topic.startsWith(prefix)
              && metric.metricValue() instanceof Number value
              && !Double.isNaN(value.doubleValue())) {
            lag.merge(topic, Math.max(0, value.longValue()), Long::sum);
          }
        });
    return lag;
  }

  private final class Tracker<K, V> implements ConsumerFactory.Listener<K, V> {

    @Override
    public void consumerAdded(String id, Consumer<K, V> consumer) {
      consumers.add(consumer);
    }

    @Override
    public void consumerRemoved(String id, Consumer<K, V> consumer) {
      consumers.remove(consumer);
    }
  }
}
