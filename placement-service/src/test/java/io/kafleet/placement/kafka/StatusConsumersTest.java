package io.kafleet.placement.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class StatusConsumersTest {

  private final Map<MetricName, Metric> metrics = new HashMap<>();

  @Test
  void sumsEachStatusTopicsPartitionLags() {
    lag("t.kafleet.status.member1", 0, 5);
    lag("t.kafleet.status.member1", 1, 2);
    lag("t.kafleet.status.member2", 0, 0);
    lag("t.kafleet.templates", 0, 40);
    metrics.put(
        name("records-lag-max", Map.of("client-id", "c")), metric(name("x", Map.of()), 9.0));

    assertThat(StatusConsumers.lagOf(metrics, "t.kafleet.status."))
        .isEqualTo(Map.of("t.kafleet.status.member1", 7L, "t.kafleet.status.member2", 0L));
  }

  @Test
  void aPartitionNotFetchedYetIsLeftOut() {
    lag("t.kafleet.status.member1", 0, Double.NaN);
    assertThat(StatusConsumers.lagOf(metrics, "t.kafleet.status.")).isEmpty();
  }

  private void lag(String topic, int partition, double records) {
    MetricName name =
        name(
            "records-lag",
            Map.of("client-id", "c", "topic", topic, "partition", String.valueOf(partition)));
    metrics.put(name, metric(name, records));
  }

  private static MetricName name(String name, Map<String, String> tags) {
    return new MetricName(name, "consumer-fetch-manager-metrics", "", tags);
  }

  private static Metric metric(MetricName name, double value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return name;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }
}
