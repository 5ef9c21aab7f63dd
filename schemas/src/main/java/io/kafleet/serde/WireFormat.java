package io.kafleet.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the value.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Reads the header and leaves the buffer at the start of the Avro payload. */
  static int readSchemaId(String topic, ByteBuffer buffer) {
    if (buffer.remaining() < HEADER_SIZE) {
      throw new WireFormatException.Truncated(
          topic,
          "it holds "
              + buffer.remaining()
              + " bytes, fewer than the "
              + HEADER_SIZE
              + "-byte wire-format header");
    }
    byte magic = buffer.get();
    if (magic != MAGIC_BYTE) {
      throw new WireFormatException.BadMagicByte(topic, magic);
    }
    return buffer.getInt();
  }

  static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }
}
