package io.kafleet.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro values into kafleet's generated classes: the writer's schema is
 * fetched by the id in the header and resolved against the reader's (the generated class of the
 * same full name), so older and newer writers are read under BACKWARD evolution. Bad bytes fail
 * with a {@link WireFormatException} saying what was wrong; a null value (a tombstone) reads as
 * null.
 */
public class KafleetAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  // Readers look generated classes up by name before those classes initialise and trust themselves.
  static {
    AvroTrust.ensure();
  }

  private SchemaRegistryClient registry;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  /** For Kafka, which instantiates deserializers by class name and then configures them. */
  public KafleetAvroDeserializer() {}

  /** For code that builds its clients by hand and shares one registry client. */
  public KafleetAvroDeserializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SerdeConfig.from(configs).newClient();
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return data == null ? null : deserialize(topic, ByteBuffer.wrap(data));
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    return deserialize(topic, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, ByteBuffer data) {
    return data == null ? null : deserialize(topic, data.duplicate());
  }

  private T deserialize(String topic, ByteBuffer buffer) {
    if (registry == null) {
      throw new IllegalStateException("KafleetAvroDeserializer used before configure()");
    }
    int schemaId = WireFormat.readSchemaId(topic, buffer);
    SpecificDatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> newReader(topic, id));
    BinaryDecoder decoder = decoderOver(buffer);
    try {
      T value = reader.read(null, decoder);
      if (decoder.isEnd()) {
        return value;
      }
    } catch (EOFException e) {
      throw new WireFormatException.Truncated(topic, schemaId, e);
    } catch (IOException | RuntimeException e) {
      throw new WireFormatException.Malformed(topic, schemaId, String.valueOf(e.getMessage()), e);
    }
    throw new WireFormatException.Malformed(
        topic, schemaId, "bytes are left over after the value", null);
  }

  private static BinaryDecoder decoderOver(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return DecoderFactory.get()
          .binaryDecoder(
              buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), null);
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(copy);
    return DecoderFactory.get().binaryDecoder(copy, null);
  }

  private SpecificDatumReader<T> newReader(String topic, int schemaId) {
    Schema writer;
    try {
      writer = registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
        throw new WireFormatException.UnknownSchemaId(topic, schemaId, e);
      }
      throw e;
    }
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated == null) {
      throw new WireFormatException.Malformed(
          topic,
          schemaId,
          "no generated class " + writer.getFullName() + " on the classpath to read it into",
          null);
    }
    return new SpecificDatumReader<>(writer, SpecificData.get().getSchema(generated));
  }
}
