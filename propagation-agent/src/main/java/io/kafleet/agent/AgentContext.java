package io.kafleet.agent;

import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.StatusEvent;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * What every service of the agent shares: its settings, its environment (for a service's own
 * settings), the member cluster's API server, the one producer for the cluster's status topic, and
 * where a service reports that it failed for good (the agent then exits, to be restarted), and the
 * meters the services count on.
 */
public record AgentContext(
    AgentSettings settings,
    Environment environment,
    io.fabric8.kubernetes.client.KubernetesClient kubernetes,
    Producer<String, StatusEvent> statusProducer,
    Clock clock,
    Consumer<Throwable> onFailure,
    AgentMetrics metrics) {}
