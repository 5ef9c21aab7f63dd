package io.kafleet.agent.work;

import io.kafleet.agent.AgentService;
import io.kafleet.agent.drift.DriftEvents;
import io.kafleet.agent.drift.DriftWatcher;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one reconciling thread. At start-up it reads the whole execution space, applies it in
 * dependency order, prunes what kafleet manages but is no longer desired, and commits; then, per
 * polled batch, applies the latest record of each key and commits once the broker has every
 * outcome's report. Between polls it corrects drift and retries failed objects, each on its own
 * backoff. The reconciler may make the API calls of one apply rank on other threads, but hands
 * every outcome back to this one before a batch counts as done.
 */
public final class WorkLoop implements AgentService {

  private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ExecutionSpace space;
  private final Reconciler reconciler;
  private final DriftEvents driftEvents;
  private final DriftWatcher drift;
  private final Consumer<Throwable> onFailure;
  private final AgentMetrics metrics;
  private final Thread thread;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile boolean running = true;

  public WorkLoop(
      ExecutionSpace space,
      Reconciler reconciler,
      DriftEvents driftEvents,
      DriftWatcher drift,
      Consumer<Throwable> onFailure,
      AgentMetrics metrics) {
    this.space = space;
    this.metrics = metrics;
    this.drift = drift;
    this.reconciler = reconciler;
    this.driftEvents = driftEvents;
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, "kafleet-work-loop");
  }

  @Override
  public void start() {
    space.bindTo(metrics);
    thread.start();
  }

  /** Completes once the start-up pass (apply, prune, commit) is done. */
  public CompletableFuture<Void> started() {
    return started;
  }

  /** Ready once the start-up pass is done, until the loop stops. */
  @Override
  public boolean ready() {
    return started.isDone() && !started.isCompletedExceptionally() && thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    space.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drift.close();
  }

  private void run() {
    try {
      startUp();
      started.complete(null);
      while (running) {
        List<ConsumerRecord<String, Work>> records = space.poll(POLL);
        if (!records.isEmpty()) {
          process(DesiredSet.latestPerKey(records), DesiredSet.lastBeforeTombstones(records));
          reconciler.awaitReported();
          metrics.committed(space.commit());
        }
        reconciler.correct(driftEvents.drain());
        reconciler.retryDue();
      }
    } catch (WakeupException e) {
      if (running) {
        fail(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      reconciler.close();
      space.close();
    }
  }

  private void startUp() throws InterruptedException {
    DesiredSet desired = space.readAll();
    Map<String, Work> works = desired.works();
    log.info("execution space read: {} works; applying", works.size());
    long begun = System.nanoTime();
    process(works, Map.of());
    reconciler.prune(desired);
    reconciler.awaitReported();
    metrics.committed(space.commit());
    log.info(
        "start-up done: {} works applied, pruned, reported and committed in {} ms",
        works.size(),
        (System.nanoTime() - begun) / 1_000_000);
  }

  /**
   * Removes, then applies, the latest work of each key; a null work is a tombstone, removed as the
   * work that came just before it in the batch (if any) asks.
   */
  private void process(Map<String, Work> latest, Map<String, Work> beforeTombstones)
      throws InterruptedException {
    Map<ObjectKey, Work> applies = new HashMap<>();
    List<ObjectKey> removals = new ArrayList<>();
    Map<ObjectKey, Work> removedAs = new HashMap<>();
    latest.forEach(
        (raw, work) -> {
          ObjectKey key = reconciler.parseKey(raw, work);
          if (key == null) {
            return;
          }
          if (work == null) {
            removals.add(key);
            if (beforeTombstones.containsKey(raw)) {
              removedAs.put(key, beforeTombstones.get(raw));
            }
          } else {
            applies.put(key, work);
          }
        });
    reconciler.remove(removals, removedAs);
    reconciler.apply(applies);
  }

  private void fail(Throwable e) {
    log.error("the work loop stopped", e);
    started.completeExceptionally(e);
    onFailure.accept(e);
  }
}
