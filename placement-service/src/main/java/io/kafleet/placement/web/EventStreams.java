package io.kafleet.placement.web;

import io.kafleet.placement.events.RecentEvents;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The open event streams of the console: each subscribed to {@link RecentEvents}, each kept alive
 * with a comment every {@code kafleet.events.keep-alive} (15 s), all ended when the service stops
 * (an open stream would otherwise hold up a graceful shutdown).
 */
@Component
class EventStreams implements SmartLifecycle {

  private final RecentEvents events;
  private final Duration keepAlive;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
  private volatile ExecutorService senders;
  private volatile ScheduledExecutorService keepAlives;

  EventStreams(RecentEvents events, @Value("${kafleet.events.keep-alive:15s}") Duration keepAlive) {
    this.events = events;
    this.keepAlive = keepAlive;
  }

  /** A stream of the most recent {@code limit} events, then of every new one, with no timeout. */
  ResponseBodyEmitter open(int limit) {
    ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
    ExecutorService running = senders;
    if (running == null) {
      emitter.complete();
      return emitter;
    }
    EventStream stream = new EventStream(emitter, running, this::closed);
    emitter.onCompletion(stream::ended);
    emitter.onError(error -> stream.ended());
    emitter.onTimeout(stream::ended);
    open.add(stream);
    events.subscribe(limit, stream);
    return emitter;
  }

  private void closed(EventStream stream) {
    open.remove(stream);
    events.unsubscribe(stream);
  }

  @Override
  public void start() {
    senders = Executors.newCachedThreadPool(threads("kafleet-events-sender-"));
    keepAlives = Executors.newSingleThreadScheduledExecutor(threads("kafleet-events-keep-alive-"));
    keepAlives.scheduleWithFixedDelay(
        () -> open.forEach(EventStream::keepAlive),
        keepAlive.toMillis(),
        keepAlive.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    keepAlives.shutdownNow();
    open.forEach(EventStream::complete);
    senders.shutdown();
    senders = null;
  }

  @Override
  public boolean isRunning() {
    return senders != null;
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
