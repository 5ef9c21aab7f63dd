package io.kafleet.serde;

/**
 * What {@link PoisonTolerantDeserializer} reads a record's value as when its bytes are not a
 * kafleet Avro value: the consumer, which knows the record's partition and offset, skips it and
 * reports it ({@link PoisonRecords}).
 *
 * @param reason what was wrong, as {@link WireFormatException} says it
 */
public record Unreadable(String reason) {}
