package io.kafleet.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@link KafleetAvroDeserializer} for consumers that must keep serving past a poison record: a
 * value whose bytes are not a kafleet Avro value (a {@link WireFormatException}: bad magic byte,
 * unknown schema id, truncated or malformed) reads as an {@link Unreadable} instead of failing the
 * poll. Only the consumer knows the record's partition and offset, so it is the one to skip and
 * report it. Failures that may pass (the schema registry unreachable) still fail the poll: the
 * consumer reads the record again rather than skip a good one.
 *
 * <p>A plain Kafka deserializer rather than Spring Kafka's {@code ErrorHandlingDeserializer}: the
 * Spring Cloud Stream bindings and the plain consumers (start-up reads, the agent) share it, and
 * the poison record arrives at its place in a batch as a value of its own kind, never as a null
 * that looks like a tombstone.
 */
public class PoisonTolerantDeserializer implements Deserializer<Object> {

  private final KafleetAvroDeserializer<?> delegate;

  /** For Kafka, which instantiates deserializers by class name and then configures them. */
  public PoisonTolerantDeserializer() {
    this.delegate = new KafleetAvroDeserializer<>();
  }

  /** For code that builds its clients by hand and shares one registry client. */
  public PoisonTolerantDeserializer(SchemaRegistryClient registry) {
    this.delegate = new KafleetAvroDeserializer<>(registry);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    try {
      return delegate.deserialize(topic, data);
    } catch (WireFormatException e) {
      return new Unreadable(e.getMessage());
    }
  }

  @Override
  public Object deserialize(String topic, Headers headers, byte[] data) {
    return deserialize(topic, data);
  }

  @Override
  public Object deserialize(String topic, Headers headers, ByteBuffer data) {
    try {
      return delegate.deserialize(topic, headers, data);
    } catch (WireFormatException e) {
      return new Unreadable(e.getMessage());
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
