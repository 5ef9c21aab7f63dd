package io.kafleet.registry;

/** A log without Kafka: every record is materialized as it is appended, in one order. */
final class InMemorySchemaLog implements SchemaLog {

  private final RegistryState state;

  InMemorySchemaLog(RegistryState state) {
    this.state = state;
  }

  @Override
  public synchronized Outcome append(LogRecord record) {
    return state.apply(record);
  }

  @Override
  public void close() {}
}
