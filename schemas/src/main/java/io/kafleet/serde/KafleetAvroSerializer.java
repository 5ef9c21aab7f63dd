package io.kafleet.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in the Confluent wire format, registering (or looking up) the
 * record's schema under the configured subject name strategy. Configure with {@code
 * schema.registry.url}; usable as {@code value.serializer} in plain clients and in Spring Cloud
 * Stream bindings with native encoding.
 */
public class KafleetAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private SerdeConfig config;
  private SchemaRegistryClient registry;
  private boolean isKey;
  private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

  /** For Kafka, which instantiates serializers by class name and then configures them. */
  public KafleetAvroSerializer() {}

  /** For code that builds its clients by hand and shares one registry client. */
  public KafleetAvroSerializer(SchemaRegistryClient registry, SerdeConfig config, boolean isKey) {
    this.registry = registry;
    this.config = config;
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.from(configs);
    this.registry = config.newClient();
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("KafleetAvroSerializer used before configure()");
    }
    Schema schema = record.getSchema();
    int id = schemaId(topic, schema);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(WireFormat.header(id));
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot write a " + schema.getFullName() + " to topic '" + topic + "': " + e.getMessage(),
          e);
    }
  }

  private int schemaId(String topic, Schema schema) {
    String subject = config.subjectNameStrategy(isKey).subject(topic, isKey, schema);
    try {
      return config.autoRegisterSchemas()
          ? registry.register(subject, schema)
          : registry.lookupId(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot "
              + (config.autoRegisterSchemas() ? "register" : "look up")
              + " the schema of "
              + schema.getFullName()
              + " under subject '"
              + subject
              + "' for topic '"
              + topic
              + "': "
              + e.getMessage(),
          e);
    }
  }
}
