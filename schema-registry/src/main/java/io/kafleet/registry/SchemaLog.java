package io.kafleet.registry;

/** The registry's log: the one place where changes are ordered, and so the arbiter between them. */
interface SchemaLog extends AutoCloseable {

  /**
   * Appends the record and returns once this instance has materialized it, with what it did: an
   * instance that proposed a change knows it happened only when it reads it back from the log.
   */
  Outcome append(LogRecord record);

  @Override
  void close();
}
