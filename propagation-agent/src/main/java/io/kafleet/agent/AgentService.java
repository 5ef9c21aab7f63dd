package io.kafleet.agent;

/**
 * One part of the agent (work loop, heartbeats, queries): started in order at start-up, closed in
 * reverse order at shutdown. {@link #start} returns once the service runs on its own threads.
 */
public interface AgentService extends AutoCloseable {

  void start();

  @Override
  void close();
}
