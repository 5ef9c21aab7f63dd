package io.kafleet.traffic.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The bindings of {@code traffic-service.yaml} against the topic names of {@code schemas}: the
 * consumers start only when this instance leads, and the fleet patterns match exactly the topics it
 * follows, under a prefix.
 */
class TrafficBindingsConfigTest {

  private static final String PREFIX = "t1-fleet.";
  private final Topics topics = new Topics(PREFIX);
  private final StandardEnvironment environment = new StandardEnvironment();

  @BeforeEach
  void load() throws Exception {
    new YamlPropertySourceLoader()
        .load("traffic-service", new ClassPathResource("traffic-service.yaml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("kafleet.topic-prefix", PREFIX)));
  }

  @Test
  void noBindingWritesAndEveryConsumerWaitsForTheLead() {
    assertThat(
            environment.getPropertySources().stream()
                .filter(source -> source instanceof MapPropertySource)
                .flatMap(source -> ((MapPropertySource) source).getSource().keySet().stream())
                .filter(name -> name.contains("-out-")))
        .as("what traffic-service writes goes through TrafficPublisher's transactions")
        .isEmpty();
    for (String binding : TrafficClientProperties.CONSUMER_BINDINGS) {
      assertThat(property("spring.cloud.stream.bindings." + binding + ".consumer.auto-startup"))
          .as(binding)
          .isEqualTo("false");
    }
  }

  @Test
  void theFleetPatternsMatchTheTemplatesTheExecutionSpacesAndTheStatusTopicsOnly() {
    Pattern works = Pattern.compile(destination("fleetWorks-in-0"));
    Pattern status = Pattern.compile(destination("fleetStatus-in-0"));
    assertThat(works.matcher(topics.templates()).matches()).isTrue();
    assertThat(works.matcher(topics.executionSpace("member1")).matches()).isTrue();
    assertThat(status.matcher(topics.status("member1")).matches()).isTrue();
    for (String other :
        List.of(
            topics.status("member1"),
            topics.policies(),
            topics.clusters(),
            topics.trafficEvents(),
            topics.query("member1"),
            topics.queryReply("member1"),
            new Topics("t2-other.").executionSpace("member1"))) {
      assertThat(works.matcher(other).matches()).as(other).isFalse();
    }
    for (String other :
        List.of(
            topics.executionSpace("member1"),
            topics.templates(),
            topics.queryReply("member1"),
            new Topics("t2-other.").status("member1"))) {
      assertThat(status.matcher(other).matches()).as(other).isFalse();
    }
  }

  @Test
  void everyConsumerDecodesNativelyInBatchesFromTheRightTopics() {
    // A pattern naming one topic, so that binding it asks Kafka nothing (see the YAML).
    assertThat(
            property(
                "spring.cloud.stream.kafka.bindings.rolloutRequested-in-0.consumer"
                    + ".destination-is-pattern"))
        .isEqualTo("true");
    Pattern requests = Pattern.compile(destination("rolloutRequested-in-0"));
    assertThat(requests.matcher(topics.rolloutRequests()).matches()).isTrue();
    for (String other :
        List.of(
            topics.trafficEvents(),
            topics.templates(),
            topics.rolloutRequests() + "x",
            topics.rolloutRequests().replace("rollout.requests", "rollout-requests"))) {
      assertThat(requests.matcher(other).matches()).as(other).isFalse();
    }
    assertThat(property("spring.cloud.function.definition"))
        .isEqualTo("fleetWorks;fleetStatus;rolloutRequested");
    for (String binding : TrafficClientProperties.CONSUMER_BINDINGS) {
      assertThat(
              property("spring.cloud.stream.bindings." + binding + ".consumer.use-native-decoding"))
          .as(binding)
          .isEqualTo("true");
      assertThat(property("spring.cloud.stream.bindings." + binding + ".consumer.batch-mode"))
          .as(binding)
          .isEqualTo("true");
    }
    assertThat(property("spring.cloud.stream.kafka.binder.consumer-properties.value.deserializer"))
        .isEqualTo("io.kafleet.serde.PoisonTolerantDeserializer");
  }

  private String destination(String binding) {
    return property("spring.cloud.stream.bindings." + binding + ".destination");
  }

  private String property(String name) {
    return environment.getRequiredProperty(name);
  }
}
