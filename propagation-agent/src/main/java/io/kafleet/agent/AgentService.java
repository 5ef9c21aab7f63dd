package io.kafleet.agent;

/**
 * One part of the agent (work loop, heartbeats, queries): started in order at start-up, closed in
 * reverse order at shutdown. {@link #start} returns once the service runs on its own threads.
 */
public interface AgentService extends AutoCloseable {

  void start();

  /** Whether the service does its job now (for the readiness probe); true unless it says not. */
  default boolean ready() {
    return true;
  }

  @Override
  void close();
}
