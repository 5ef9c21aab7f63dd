package io.kafleet.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.Work;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith({KafkaBrokerExtension.class, RegistryExtension.class})
class SerdeRoundTripIT {

  private final RegistryFixture fixture;

  SerdeRoundTripIT(RegistryFixture fixture) {
    this.fixture = fixture;
  }

  static Stream<Arguments> everyEvent() {
    return SampleEvents.all().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvent")
  void everyEventRoundTripsThroughTheBrokerAndTheRegistry(
      String name, SpecificRecord event, TestTopics topics) {
    String topic = topics.name(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "-"));
    fixture.broker().createTopic(topic, 1, Map.of());

    try (var producer = new KafkaProducer<String, SpecificRecord>(fixture.producerConfig())) {
      producer.send(new ProducerRecord<>(topic, "key", event)).get();
    } catch (Exception e) {
      throw new AssertionError("producing " + name + " failed", e);
    }
    try (var consumer =
        new KafkaConsumer<String, SpecificRecord>(fixture.consumerConfig(topics.name("group")))) {
      consumer.subscribe(List.of(topic));
      var records = fixture.consume(consumer, 1, Duration.ofSeconds(30));
      assertThat(records).as("records of %s read back from %s", name, topic).hasSize(1);
      assertThat(records.get(0).value()).as("%s after the round trip", name).isEqualTo(event);
    }
  }

  @Test
  void bytesArePlainConfluentWireFormatThatPlainAvroDecodes(TestTopics topics) throws Exception {
    String topic = topics.name("kafleet.es.member1");
    Work work = SampleEvents.work();
    byte[] bytes;
    try (var serializer = new KafleetAvroSerializer<Work>()) {
      serializer.configure(fixture.producerConfig(), false);
      bytes = serializer.serialize(topic, work);
    }

    SchemaRegistryClient registry = new SchemaRegistryClient(fixture.registry().url());
    RegisteredSchema registered = registry.version(topic + "-value", "latest");
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    assertThat(buffer.get()).as("magic byte").isEqualTo((byte) 0);
    assertThat(buffer.getInt()).as("schema id").isEqualTo(registered.id());

    Schema writer = new Schema.Parser().parse(registered.schema());
    GenericRecord decoded =
        new GenericDatumReader<GenericRecord>(writer)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertThat(decoded.get("objectKey")).hasToString(work.getObjectKey());
    assertThat(decoded.get("manifest")).hasToString(work.getManifest());
    assertThat(decoded.get("templateGeneration")).isEqualTo(work.getTemplateGeneration());
    assertThat(decoded.get("updatedAt")).isEqualTo(work.getUpdatedAt().toEpochMilli());
  }

  @Test
  void recordNameStrategyRegistersUnderTheRecordsFullName(TestTopics topics) {
    Map<String, Object> config = fixture.producerConfig();
    config.put(
        SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
        "io.confluent.kafka.serializers.subject.RecordNameStrategy");
    try (var serializer = new KafleetAvroSerializer<Work>()) {
      serializer.configure(config, false);
      serializer.serialize(topics.name("any-topic"), SampleEvents.work());
    }
    assertThat(new SchemaRegistryClient(fixture.registry().url()).subjects())
        .contains("io.kafleet.events.Work")
        .doesNotContain(topics.name("any-topic") + "-value");
  }

  @Test
  void anOlderWritersValueReadsIntoTheCurrentClassWithDefaults(TestTopics topics) throws Exception {
    String topic = topics.name("older-writer");
    fixture.broker().createTopic(topic, 1, Map.of());
    Schema older = workWithout("preserveOnDeletion", "conflictResolution");
    Work current = SampleEvents.work();
    GenericRecord value = new GenericData.Record(older);
    value.put("objectKey", current.getObjectKey());
    value.put("cluster", current.getCluster());
    value.put("apiVersion", current.getApiVersion());
    value.put("manifest", current.getManifest());
    value.put("templateGeneration", current.getTemplateGeneration());
    value.put("contentHash", current.getContentHash());
    value.put("policy", null);
    value.put("createdAt", current.getCreatedAt().toEpochMilli());
    value.put("updatedAt", current.getUpdatedAt().toEpochMilli());

    SchemaRegistryClient registry = new SchemaRegistryClient(fixture.registry().url());
    int olderId = registry.register(topic + "-value", older);
    byte[] payload = genericBytes(older, value);
    fixture.sendRaw(topic, List.of(concat(WireFormat.header(olderId), payload)));

    try (var consumer = new KafkaConsumer<String, Work>(fixture.consumerConfig(topics.name("g")))) {
      consumer.subscribe(List.of(topic));
      Work read = fixture.consume(consumer, 1, Duration.ofSeconds(30)).get(0).value();
      assertThat(read.getObjectKey()).isEqualTo(current.getObjectKey());
      assertThat(read.getPreserveOnDeletion()).as("default of a field the writer lacked").isFalse();
      assertThat(read.getConflictResolution())
          .as("default of a field the writer lacked")
          .hasToString("Abort");
    }
  }

  @Test
  void anIncompatibleSchemaChangeIsRefusedWith409(TestTopics topics) {
    SchemaRegistryClient registry = new SchemaRegistryClient(fixture.registry().url());
    String subject = topics.name("kafleet.es.member1-value");
    registry.register(subject, Work.getClassSchema());

    Schema withRequiredField = workWith(SchemaBuilder.builder().stringType(), null);
    assertThatThrownBy(() -> registry.register(subject, withRequiredField))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.errorCode()).as("Confluent error code").isEqualTo(409);
              assertThat(e.httpStatus()).as("HTTP status").isEqualTo(409);
            });
    assertThat(registry.versions(subject)).as("versions after the refusal").containsExactly(1);

    Schema withDefaultedField = workWith(SchemaBuilder.builder().stringType(), "none");
    assertThat(registry.isCompatible(subject, withDefaultedField)).isTrue();
  }

  private static Schema workWith(Schema newFieldType, Object defaultValue) {
    List<Schema.Field> fields =
        new ArrayList<>(
            Work.getClassSchema().getFields().stream()
                .map(f -> new Schema.Field(f, f.schema()))
                .toList());
    fields.add(new Schema.Field("owner", newFieldType, null, defaultValue));
    return Schema.createRecord("Work", null, "io.kafleet.events", false, fields);
  }

  private static Schema workWithout(String... names) {
    List<String> dropped = List.of(names);
    return Schema.createRecord(
        "Work",
        null,
        "io.kafleet.events",
        false,
        Work.getClassSchema().getFields().stream()
            .filter(f -> !dropped.contains(f.name()))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList());
  }

  static byte[] genericBytes(Schema schema, GenericRecord value) throws Exception {
    var out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
