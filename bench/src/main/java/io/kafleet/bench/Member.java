package io.kafleet.bench;

import io.kafleet.agent.Agent;
import io.kafleet.agent.AgentServiceSettings;
import io.kafleet.agent.AgentSettings;
import io.kafleet.agent.Environment;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** One member cluster of the benchmark: a backend holding its objects, and its agent. */
final class Member implements AutoCloseable {

  private final String name;
  private final ClusterBackend backend;
  private final String bootstrapServers;
  private final String registryUrl;
  private final AgentMetrics metrics;
  private Agent agent;

  private Member(
      String name,
      ClusterBackend backend,
      String bootstrapServers,
      String registryUrl,
      AgentMetrics metrics) {
    this.name = name;
    this.backend = backend;
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.metrics = metrics;
  }

  /** Creates the cluster's topics, as joining a cluster does, and starts its backend and agent. */
  static Member start(
      String name, ClusterBackend.BackendKind kind, String bootstrapServers, String registryUrl) {
    createTopics(name, bootstrapServers);
    Member member =
        new Member(
            name,
            ClusterBackend.start(kind),
            bootstrapServers,
            registryUrl,
            AgentMetrics.create(name));
    member.startAgent();
    return member;
  }

  String name() {
    return name;
  }

  ClusterBackend backend() {
    return backend;
  }

  /** The agent's settings as environment variables, for an agent in this JVM or its own. */
  static Map<String, String> agentEnvironment(
      String cluster, String bootstrapServers, String registryUrl) {
    return Map.of(
        AgentSettings.CLUSTER, cluster,
        AgentSettings.BOOTSTRAP_SERVERS, bootstrapServers,
        AgentSettings.SCHEMA_REGISTRY_URL, registryUrl,
        AgentServiceSettings.LABELS, "bench=true,name=" + cluster,
        AgentServiceSettings.HEARTBEAT_INTERVAL_MS, "2000");
  }

  void startAgent() {
    Environment env = new Environment(agentEnvironment(name, bootstrapServers, registryUrl));
    agent = Agent.start(AgentSettings.fromEnvironment(env), env, backend.newClient(), metrics);
  }

  void stopAgent() {
    if (agent != null) {
      agent.close();
      agent = null;
    }
  }

  static void createTopics(String cluster, String bootstrapServers) {
    KafkaTopics.createMissing(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        KafkaTopics.memberTopics(Topics.DEFAULT, cluster, Optional.empty()));
  }

  @Override
  public void close() {
    try {
      stopAgent();
    } finally {
      metrics.close();
      backend.close();
    }
  }
}
