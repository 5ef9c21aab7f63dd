package io.kafleet.agent.work;

import io.kafleet.agent.AgentContext;
import io.kafleet.agent.AgentSettings;
import io.kafleet.agent.KafkaClients;
import io.kafleet.agent.apply.ApiKinds;
import io.kafleet.agent.apply.Applier;
import io.kafleet.agent.apply.Remover;
import io.kafleet.agent.apply.SecretOpener;
import io.kafleet.agent.drift.DriftEvents;
import io.kafleet.agent.drift.DriftWatcher;
import io.kafleet.agent.status.StatusReporter;

/** Wires the work loop and its drift watcher from the agent's context. */
public final class WorkService {

  private WorkService() {}

  public static WorkLoop create(AgentContext context) {
    AgentSettings settings = context.settings();
    var client = context.kubernetes();
    ApiKinds kinds = new ApiKinds(client);
    DriftEvents events = new DriftEvents();
    DriftWatcher drift = new DriftWatcher(client, settings.cluster(), events);
    StatusReporter reporter =
        new StatusReporter(
            context.statusProducer(),
            settings.statusTopic(),
            settings.cluster(),
            client.getKubernetesSerialization(),
            context.clock());
    Reconciler reconciler =
        new Reconciler(
            new Applier(
                client,
                kinds,
                settings.guardRails(),
                settings.driftExclusions(),
                new SecretOpener(settings.sealingKey(), settings.cluster()),
                settings.cluster()),
            new Remover(client, kinds, settings.cluster(), context.metrics()),
            reporter,
            kinds,
            drift,
            new ManagedInventory(client, settings.cluster()),
            new Retries<>(settings.initialRetryBackoff(), settings.maxRetryBackoff()),
            // Nothing in the client caps this: fabric8 7.5's Vert.x client pools up to 8,192
            // connections per host; Config's maxConcurrentRequests(PerHost) are not read by it.
            new BoundedCalls(settings.applyConcurrency(), "kafleet-apply"),
            context.clock(),
            context.metrics());
    return new WorkLoop(
        new ExecutionSpace(
            KafkaClients.workConsumer(settings),
            settings.executionSpaceTopic(),
            settings.cluster(),
            reporter::reportSkipped),
        reconciler,
        events,
        drift,
        context.onFailure(),
        context.metrics());
  }
}
