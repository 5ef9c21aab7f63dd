package io.kafleet.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.agent.metrics.AgentMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Agent} and starts it again, in this JVM, with new Kafka clients when its Kafka
 * login changes: {@code kafleet cluster rotate} gives the agent a new password, which reaches it as
 * the files of its mounted login Secret ({@link Environment#LOGIN_DIR}).
 *
 * <p>The login is read again every check interval; and when Kafka refuses the agent's login (the
 * password was rotated before the Secret reached the pod), the agent waits up to the grace period
 * for the new one before it gives up and exits, to be restarted. Nothing is lost across a restart:
 * the agent commits its offsets only after it reported every outcome, and its start-up pass reads
 * its whole execution space again.
 */
public final class RotatingAgent implements AutoCloseable {

  /** How often the login files are read again (milliseconds; default 10 s). */
  public static final String CHECK_INTERVAL_MS = "KAFLEET_LOGIN_CHECK_INTERVAL_MS";

  /** How long a refused login waits for a new password (milliseconds; default 2 minutes). */
  public static final String GRACE_MS = "KAFLEET_LOGIN_GRACE_MS";

  private static final Logger log = LoggerFactory.getLogger(RotatingAgent.class);

  private final Supplier<Environment> environment;
  private final Supplier<KubernetesClient> kubernetes;
  private final Duration grace;
  private final AgentMetrics metrics;
  private final ScheduledExecutorService checks;
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private Agent agent;
  private Map<String, String> login;
  private boolean closed;

  private RotatingAgent(
      Supplier<Environment> environment,
      Supplier<KubernetesClient> kubernetes,
      Duration grace,
      AgentMetrics metrics) {
    this.environment = environment;
    this.metrics = metrics;
    this.kubernetes = kubernetes;
    this.grace = grace;
    this.checks =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafleet-agent-login");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts the agent with the environment as it is now, and watches its login.
   *
   * @param environment the agent's environment, read again (with its login files) at each check
   * @param kubernetes a new client for each start of the agent, which owns and closes it
   * @param metrics the meters of every start of the agent
   */
  public static RotatingAgent start(
      Supplier<Environment> environment,
      Supplier<KubernetesClient> kubernetes,
      AgentMetrics metrics) {
    Environment now = environment.get();
    Duration interval = Duration.ofMillis(now.positiveLong(CHECK_INTERVAL_MS, 10_000));
    Duration grace = Duration.ofMillis(now.positiveLong(GRACE_MS, 120_000));
    RotatingAgent rotating = new RotatingAgent(environment, kubernetes, grace, metrics);
    rotating.startWith(now);
    rotating.checks.scheduleWithFixedDelay(
        rotating::checkLogin, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return rotating;
  }

  /** Completes with the cause when the agent fails for good. */
  public CompletableFuture<Throwable> failure() {
    return failure;
  }

  /** The agent now running. */
  public synchronized Agent current() {
    return agent;
  }

  /** Live until the agent failed for good; a refused login waiting for a new one is alive. */
  public boolean live() {
    return !failure.isDone();
  }

  public synchronized boolean ready() {
    return !closed && agent != null && agent.ready();
  }

  private synchronized void startWith(Environment now) {
    startWith(AgentSettings.fromEnvironment(now), now);
  }

  private synchronized void startWith(AgentSettings settings, Environment now) {
    login = settings.kafkaProperties();
    Agent started = Agent.start(settings, now, kubernetes.get(), metrics);
    agent = started;
    started.failure().thenAccept(cause -> checks.execute(() -> failed(started, cause)));
  }

  /** Restarts the agent when its login changed; false when it did not. */
  private synchronized boolean restartIfLoginChanged() {
    if (closed) {
      return true;
    }
    Environment now = environment.get();
    AgentSettings settings = AgentSettings.fromEnvironment(now);
    if (settings.kafkaProperties().equals(login)) {
      return false;
    }
    log.info("the agent's Kafka login changed: starting its services again with the new one");
    agent.close();
    startWith(settings, now);
    return true;
  }

  private void checkLogin() {
    try {
      restartIfLoginChanged();
    } catch (RuntimeException e) {
      // A login Secret half-written, or unreadable for a moment: the next check reads it again.
      log.warn("cannot read the agent's Kafka login: {}", e.getMessage());
    }
  }

  private void failed(Agent which, Throwable cause) {
    synchronized (this) {
      if (which != agent || closed) {
        return;
      }
    }
    if (!refusedLogin(cause)) {
      failure.complete(cause);
      return;
    }
    log.warn(
        "Kafka refused the agent's login ({}); waiting up to {} for a new password",
        cause.getMessage(),
        grace);
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (restartIfLoginChanged()) {
          return;
        }
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.warn("cannot read the agent's Kafka login: {}", e.getMessage());
      }
    }
    failure.complete(cause);
  }

  static boolean refusedLogin(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    Agent last;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      last = agent;
    }
    checks.shutdownNow();
    if (last != null) {
      last.close();
    }
  }
}
