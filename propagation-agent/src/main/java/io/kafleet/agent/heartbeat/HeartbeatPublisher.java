package io.kafleet.agent.heartbeat;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafleet.agent.AgentService;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import io.kafleet.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the cluster and keeps it alive: a {@link ClusterHeartbeat} on {@code
 * kafleet.status.<cluster>}, keyed by the cluster's name, at once on {@link #start()} and then
 * every interval. The API server is read on a thread of its own, so a silent API server never
 * delays a heartbeat: it turns the Ready condition False and the last known summary goes out.
 */
public final class HeartbeatPublisher implements AgentService {

  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

  /** The first heartbeat waits at most this long for the API server, to go out within a second. */
  private static final Duration FIRST_WAIT = Duration.ofMillis(800);

  /** Lists are read in pages so that a large cluster's pods are never all in memory at once. */
  private static final long PAGE_SIZE = 500;

  private final String cluster;
  private final String topic;
  private final Producer<String, StatusEvent> producer;
  private final KubernetesClient client;
  private final HeartbeatSettings settings;
  private final AgentMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private final ExecutorService reader;

  // Touched only by the ticker thread.
  private HeartbeatState state;
  private Read inFlight;
  private boolean first = true;

  /**
   * @param producer a producer of status events, which this publisher shares and does not close
   */
  public HeartbeatPublisher(
      String cluster,
      Topics topics,
      Producer<String, StatusEvent> producer,
      KubernetesClient client,
      HeartbeatSettings settings,
      AgentMetrics metrics) {
    this(cluster, topics, producer, client, settings, metrics, Clock.systemUTC());
  }

  HeartbeatPublisher(
      String cluster,
      Topics topics,
      Producer<String, StatusEvent> producer,
      KubernetesClient client,
      HeartbeatSettings settings,
      AgentMetrics metrics,
      Clock clock) {
    this.cluster = cluster;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.topic = topics.status(cluster);
    this.producer = Objects.requireNonNull(producer, "producer");
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = clock;
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("kafleet-heartbeat"));
    this.reader = Executors.newSingleThreadExecutor(daemon("kafleet-heartbeat-read"));
    this.state = HeartbeatState.starting(clock.instant());
  }

  public void start() {
    ticker.scheduleAtFixedRate(
        this::beat, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    reader.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void beat() {
    try {
      observe();
      Instant now = clock.instant();
      ClusterHeartbeat heartbeat = state.heartbeat(cluster, settings, now);
      producer.send(
          new ProducerRecord<>(topic, cluster, new StatusEvent(cluster, heartbeat)),
          (metadata, error) -> {
            if (error != null) {
              LOG.warn("heartbeat of {} not sent to {}: {}", cluster, topic, error.toString());
            } else {
              metrics.heartbeatSent();
            }
          });
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log, and beat next time.
      LOG.warn("heartbeat of {} failed", cluster, e);
    }
  }

  /** Folds the API server's latest answer, or its silence, into the state. */
  private void observe() {
    if (inFlight == null) {
      inFlight = new Read(reader.submit(this::read), clock.instant());
    }
    Duration wait =
        first ? FIRST_WAIT : shorter(settings.interval().dividedBy(2), settings.apiServerTimeout());
    first = false;
    try {
      Observation observation = inFlight.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      inFlight = null;
      state = state.answered(observation.version(), observation.summary(), clock.instant());
    } catch (TimeoutException e) {
      Duration silent = Duration.between(inFlight.startedAt(), clock.instant());
      if (silent.compareTo(settings.apiServerTimeout()) >= 0) {
        state =
            state.unanswered(
                "the API server has not answered for " + silent.toSeconds() + "s", clock.instant());
      }
    } catch (ExecutionException e) {
      inFlight = null;
      state = state.unanswered(message(e.getCause()), clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Observation read() {
    String version = client.getKubernetesVersion().getGitVersion();
    ClusterSummary summary = ClusterSummary.EMPTY;
    String next = null;
    do {
      NodeList nodes = client.nodes().list(page(next));
      summary = summary.plusNodes(nodes.getItems());
      next = nodes.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    do {
      // Terminated pods hold nothing; the server leaves them out, ClusterSummary checks again.
      PodList pods =
          client
              .pods()
              .inAnyNamespace()
              .withoutField("status.phase", "Succeeded")
              .withoutField("status.phase", "Failed")
              .list(page(next));
      summary = summary.plusPods(pods.getItems());
      next = pods.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return new Observation(version, summary);
  }

  private static ListOptions page(String continueToken) {
    return new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(continueToken).build();
  }

  /** The API server's own message when it answered; else what failed, down to the root cause. */
  static String message(Throwable error) {
    if (error instanceof KubernetesClientException k
        && k.getStatus() != null
        && k.getStatus().getMessage() != null) {
      return k.getStatus().getMessage();
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = Objects.toString(error.getMessage(), error.getClass().getSimpleName());
    return root == error ? outer : outer + ": " + root;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Observation(String version, ClusterSummary summary) {}

  private record Read(Future<Observation> result, Instant startedAt) {}
}
