package io.kafleet.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.heartbeat.HeartbeatPublisher;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.agent.query.QueryService;
import io.kafleet.agent.status.SkipReports;
import io.kafleet.agent.work.WorkLoop;
import io.kafleet.agent.work.WorkService;
import io.kafleet.events.StatusEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The propagation agent of one member cluster: a plain main that reads its settings from
 * environment variables, talks to Kafka and to its own cluster's API server (in-cluster service
 * account, or {@code KUBECONFIG}), and runs its services until stopped. A service that fails for
 * good stops the agent with a non-zero exit, so that Kubernetes restarts it; the start-up pass
 * makes a restart safe.
 */
public final class Agent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final KubernetesClient kubernetes;
  private final Producer<String, StatusEvent> statusProducer;
  private final List<AgentService> services;
  private final WorkLoop workLoop;
  private final CompletableFuture<Throwable> failure;
  private final AgentMetrics metrics;
  private volatile boolean closed;

  private Agent(
      KubernetesClient kubernetes,
      Producer<String, StatusEvent> statusProducer,
      List<AgentService> services,
      WorkLoop workLoop,
      CompletableFuture<Throwable> failure,
      AgentMetrics metrics) {
    this.metrics = metrics;
    this.kubernetes = kubernetes;
    this.statusProducer = statusProducer;
    this.services = List.copyOf(services);
    this.workLoop = workLoop;
    this.failure = failure;
  }

  public static void main(String[] args) {
    HealthServer health;
    AgentMetrics metrics;
    AtomicReference<RotatingAgent> started = new AtomicReference<>();
    Supplier<Environment> environment = () -> Environment.system().withLoginFiles();
    try {
      LogFormat logFormat = LogFormat.fromEnvironment(Environment.system());
      String cluster = AgentSettings.fromEnvironment(environment.get()).cluster();
      logFormat.use(cluster);
      metrics = AgentMetrics.create(cluster);
      // Bound before anything starts, so that a taken port stops the agent before it acts.
      health =
          HealthServer.start(
              HealthServer.port(Environment.system()),
              new HealthServer.Probes() {
                @Override
                public boolean live() {
                  RotatingAgent agent = started.get();
                  return agent == null || agent.live();
                }

                @Override
                public boolean ready() {
                  RotatingAgent agent = started.get();
                  return agent != null && agent.ready();
                }
              },
              metrics);
    } catch (InvalidSettingException | UncheckedIOException e) {
      System.err.println("kafleet agent cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    RotatingAgent agent =
        RotatingAgent.start(environment, () -> new KubernetesClientBuilder().build(), metrics);
    started.set(agent);
    log.info("probes and metrics on port {}: /healthz, /readyz, /metrics", health.port());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  health.close();
                },
                "kafleet-agent-stop"));
    Throwable cause = agent.failure().join();
    log.error("stopping: a service failed", cause);
    agent.close();
    System.exit(1);
  }

  /**
   * Starts every service; the agent owns the client from now on and closes it. Its Kafka clients'
   * meters are bound to {@code metrics} until it is closed.
   */
  public static Agent start(
      AgentSettings settings,
      Environment environment,
      KubernetesClient kubernetes,
      AgentMetrics metrics) {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Producer<String, StatusEvent> statusProducer =
        metrics.bound(KafkaClients.statusProducer(settings), "status");
    AgentContext context =
        new AgentContext(
            settings,
            environment,
            kubernetes,
            statusProducer,
            Clock.systemUTC(),
            failure::complete,
            metrics);
    WorkLoop workLoop = WorkService.create(context);
    List<AgentService> services = new ArrayList<>(services(context));
    services.add(0, workLoop);
    Agent agent = new Agent(kubernetes, statusProducer, services, workLoop, failure, metrics);
    log.info(
        "kafleet agent of cluster {} starting {} services", settings.cluster(), services.size());
    for (AgentService service : services) {
      service.start();
    }
    return agent;
  }

  /** The services besides the work loop, started after it in this order (heartbeats, queries). */
  static List<AgentService> services(AgentContext context) {
    AgentSettings settings = context.settings();
    return List.of(
        new HeartbeatPublisher(
            settings.cluster(),
            settings.topics(),
            context.statusProducer(),
            context.kubernetes(),
            AgentServiceSettings.heartbeat(context.environment()),
            context.metrics()),
        new QueryService(
                settings.cluster(),
                settings.topics(),
                KafkaClients.common(settings),
                context.kubernetes(),
                AgentServiceSettings.query(context.environment()),
                skipped ->
                    context
                        .statusProducer()
                        .send(
                            SkipReports.record(settings.statusTopic(), settings.cluster(), skipped),
                            (sent, error) -> {
                              if (error != null) {
                                log.error("the report of a skipped query was not sent", error);
                              }
                            }))
            .boundTo(context.metrics()));
  }

  /** Completes with the cause when a service fails for good. */
  public CompletableFuture<Throwable> failure() {
    return failure;
  }

  /** Live until a service failed for good (the agent then exits, to be restarted). */
  public boolean live() {
    return !failure.isDone();
  }

  /**
   * Ready once every service does its job: the work loop's start-up pass is done and the query
   * service has its partitions; no longer once the agent is failing or stopping.
   */
  public boolean ready() {
    return !closed && live() && services.stream().allMatch(AgentService::ready);
  }

  /** Completes once the work loop's start-up pass (apply, prune, commit) is done. */
  public CompletableFuture<Void> started() {
    return workLoop.started();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (RuntimeException e) {
        log.warn("closing {} failed", services.get(i).getClass().getSimpleName(), e);
      }
    }
    // Bounded: at shutdown the broker may already be gone, and an unbounded close would hang.
    metrics.unbindKafka();
    statusProducer.close(Duration.ofSeconds(5));
    kubernetes.close();
  }
}
