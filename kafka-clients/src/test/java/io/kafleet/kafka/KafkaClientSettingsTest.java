package io.kafleet.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

  private static final Map<String, String> SECURITY =
      Map.of(
          "security.protocol", "SASL_PLAINTEXT",
          "sasl.mechanism", "SCRAM-SHA-512",
          "sasl.jaas.config", "ScramLoginModule required username=\"a\" password=\"secret\";");

  private final KafkaClientSettings settings = KafkaClientSettings.of("broker:9092", SECURITY);

  /** Stand-ins for the Avro serde, which lives above this module. */
  private static final class ValueSerializer extends StringSerializer {}

  private static final class ValueDeserializer extends StringDeserializer {}

  @Test
  void adminIsTheExtraPropertiesWithTheBootstrapServers() {
    assertThat(settings.admin())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", SECURITY.get("sasl.jaas.config"),
                "bootstrap.servers", "broker:9092"));
  }

  @Test
  void kafleetsOwnSettingsWinOverTheExtraProperties() {
    KafkaClientSettings overridden =
        KafkaClientSettings.of(
                "broker:9092",
                Map.of(
                    "bootstrap.servers", "elsewhere:1",
                    "client.id", "theirs",
                    "acks", "1",
                    "enable.auto.commit", "true",
                    "isolation.level", "read_uncommitted",
                    "group.id", "theirs",
                    "schema.registry.url", "http://elsewhere"))
            .withClientId("ours")
            .withSerde(
                ClientSerde.registry(
                    "http://registry:8081", ValueSerializer.class, ValueDeserializer.class));

    assertThat(overridden.producer())
        .contains(
            entry("bootstrap.servers", "broker:9092"),
            entry("client.id", "ours"),
            entry("acks", "all"),
            entry("schema.registry.url", "http://registry:8081"));
    assertThat(overridden.consumer(IsolationLevel.READ_COMMITTED))
        .contains(
            entry("enable.auto.commit", false),
            entry("isolation.level", "read_committed"),
            entry("schema.registry.url", "http://registry:8081"))
        .doesNotContainKey("group.id");
    assertThat(overridden.groupConsumer("kafleet-agent-member1", IsolationLevel.READ_COMMITTED))
        .contains(entry("group.id", "kafleet-agent-member1"));
  }

  @Test
  void theExtraPropertiesAreKeptInEveryClient() {
    KafkaClientSettings avro =
        settings.withSerde(
            ClientSerde.registry(
                "http://registry:8081", ValueSerializer.class, ValueDeserializer.class));

    for (Map<String, Object> config :
        java.util.List.of(
            avro.admin(),
            avro.withSerdeSettings(),
            avro.producer(),
            avro.transactionalProducer("t"),
            avro.consumer(IsolationLevel.READ_COMMITTED),
            avro.groupConsumer("g", IsolationLevel.READ_UNCOMMITTED))) {
      assertThat(config).containsAllEntriesOf(SECURITY);
    }
  }

  @Test
  void producerIsIdempotentAcknowledgedByAllAndSendsAtOnce() {
    KafkaClientSettings avro =
        settings.withSerde(
            ClientSerde.registry(
                "http://registry:8081", ValueSerializer.class, ValueDeserializer.class));

    Map<String, Object> expected =
        new java.util.HashMap<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "broker:9092",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ValueSerializer.class,
                "schema.registry.url",
                "http://registry:8081"));
    expected.putAll(SECURITY);
    assertThat(avro.producer()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void transactionalProducerAddsItsTransactionalId() {
    Map<String, Object> plain = settings.withSerde(ClientSerde.strings()).producer();
    Map<String, Object> transactional =
        settings.withSerde(ClientSerde.strings()).transactionalProducer("kafleet-placement");

    assertThat(transactional)
        .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafleet-placement")
        .containsAllEntriesOf(plain)
        .hasSize(plain.size() + 1);
  }

  @Test
  void assignedConsumerCommitsNothingAndReadsAtTheIsolationAsked() {
    Map<String, Object> expected =
        new java.util.HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "broker:9092",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    expected.putAll(SECURITY);

    assertThat(settings.withSerde(ClientSerde.bytes()).consumer(IsolationLevel.READ_COMMITTED))
        .containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(settings.withSerde(ClientSerde.bytes()).consumer(IsolationLevel.READ_UNCOMMITTED))
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
  }

  @Test
  void groupConsumerJoinsItsGroupFromTheEarliestOffset() {
    Map<String, Object> config =
        settings
            .withClientId("kafleet-agent-member1")
            .withSerde(ClientSerde.strings())
            .groupConsumer("kafleet-agent-member1", IsolationLevel.READ_COMMITTED);

    assertThat(config)
        .contains(
            entry(ConsumerConfig.GROUP_ID_CONFIG, "kafleet-agent-member1"),
            entry(ConsumerConfig.CLIENT_ID_CONFIG, "kafleet-agent-member1"),
            entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class),
            entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
  }

  @Test
  void serdeSettingsGoToProducersAndConsumersButNotToTheAdminClient() {
    KafkaClientSettings avro =
        settings.withSerde(
            ClientSerde.registry(
                "http://registry:8081", ValueSerializer.class, ValueDeserializer.class));

    assertThat(avro.admin()).doesNotContainKey(ClientSerde.SCHEMA_REGISTRY_URL);
    assertThat(avro.withSerdeSettings())
        .containsEntry(ClientSerde.SCHEMA_REGISTRY_URL, "http://registry:8081")
        .doesNotContainKeys(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    assertThat(avro.consumer(IsolationLevel.READ_COMMITTED))
        .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ValueDeserializer.class)
        .doesNotContainKey(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
  }

  @Test
  void anAdminClientTakesNoSerde() {
    assertThat(settings.withSerde(ClientSerde.bytes()).admin())
        .doesNotContainKeys(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)
        .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    assertThat(ClientSerde.bytes().producer())
        .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
  }

  @Test
  void toStringHidesThePropertiesValues() {
    assertThat(settings.toString()).contains("sasl.jaas.config").doesNotContain("secret");
  }

  @Test
  void theSettingsAreAValueTheCallerCannotChangeThroughTheMapItPassed() {
    Map<String, String> extras = new java.util.HashMap<>(SECURITY);
    KafkaClientSettings made = KafkaClientSettings.of("broker:9092", extras);
    extras.put("security.protocol", "PLAINTEXT");
    made.admin().put("security.protocol", "SSL");

    assertThat(made.admin()).containsEntry("security.protocol", "SASL_PLAINTEXT");
  }
}
