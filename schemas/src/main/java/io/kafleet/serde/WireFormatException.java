package io.kafleet.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Why a record's bytes could not be read as a Confluent wire-format Avro value. The consumer wraps
 * it in a {@link org.apache.kafka.common.errors.RecordDeserializationException} that names the
 * partition and offset; this exception names the topic and what was wrong.
 */
public abstract sealed class WireFormatException extends SerializationException
    permits WireFormatException.BadMagicByte,
        WireFormatException.UnknownSchemaId,
        WireFormatException.Truncated,
        WireFormatException.Malformed {

  private static final long serialVersionUID = 1L;

  private final String topic;

  private WireFormatException(String topic, String message, Throwable cause) {
    super("Cannot read a record of topic '" + topic + "': " + message, cause);
    this.topic = topic;
  }

  public String topic() {
    return topic;
  }

  /** The first byte is not the wire format's magic byte 0: not written by a Confluent serde. */
  public static final class BadMagicByte extends WireFormatException {
    private static final long serialVersionUID = 1L;

    private final byte found;

    BadMagicByte(String topic, byte found) {
      super(
          topic,
          "the first byte is "
              + found
              + ", not the wire format's magic byte "
              + WireFormat.MAGIC_BYTE
              + " (was it written by a Confluent-compatible Avro serializer?)",
          null);
      this.found = found;
    }

    public byte found() {
      return found;
    }
  }

  /** The schema id in the header is not known to the schema registry. */
  public static final class UnknownSchemaId extends WireFormatException {
    private static final long serialVersionUID = 1L;

    private final int schemaId;

    UnknownSchemaId(String topic, int schemaId, Throwable cause) {
      super(topic, "schema id " + schemaId + " is not known to the schema registry", cause);
      this.schemaId = schemaId;
    }

    public int schemaId() {
      return schemaId;
    }
  }

  /** The bytes end before the header or the Avro value does. */
  public static final class Truncated extends WireFormatException {
    private static final long serialVersionUID = 1L;

    Truncated(String topic, String message) {
      super(topic, "the payload is truncated: " + message, null);
    }

    Truncated(String topic, int schemaId, Throwable cause) {
      super(
          topic,
          "the payload is truncated: the Avro value of schema id "
              + schemaId
              + " ends before its last field",
          cause);
    }
  }

  /** The Avro value does not decode with its writer's schema, or has bytes left over. */
  public static final class Malformed extends WireFormatException {
    private static final long serialVersionUID = 1L;

    Malformed(String topic, int schemaId, String detail, Throwable cause) {
      super(topic, "the Avro value of schema id " + schemaId + " is malformed: " + detail, cause);
    }
  }
}
