package io.kafleet.placement.web;

import io.kafleet.placement.events.TailedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * One console's stream of fleet events, as server-sent events: {@code event: <type>}, {@code id:
 * <topic>:<partition>:<offset>}, {@code data: <json>}. Events are queued as they come (the tail
 * never waits for a browser) and written in order by one sender at a time; a browser that falls a
 * whole queue behind is cut off, and reconnects.
 */
final class EventStream implements Consumer<TailedEvent> {

  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
  private static final String KEEP_ALIVE = ": keep-alive\n\n";
  private static final int QUEUE = 4096;

  private final ResponseBodyEmitter emitter;
  private final Executor senders;
  private final Consumer<EventStream> onClose;
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE);
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param emitter the response, open for as long as the browser stays
   * @param senders where the messages are written from
   * @param onClose what to do once the stream ends, however it ends
   */
  EventStream(ResponseBodyEmitter emitter, Executor senders, Consumer<EventStream> onClose) {
    this.emitter = emitter;
    this.senders = senders;
    this.onClose = onClose;
  }

  /** The SSE message of one event. */
  static String message(TailedEvent event) {
    return "event: " + event.type() + "\nid: " + event.id() + "\ndata: " + event.json() + "\n\n";
  }

  @Override
  public void accept(TailedEvent event) {
    offer(message(event));
  }

  /** A comment line, so that proxies and browsers see the connection is alive. */
  void keepAlive() {
    offer(KEEP_ALIVE);
  }

  /** Ends the response (the service stops, or the browser is too far behind). */
  void complete() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
      emitter.complete();
    }
  }

  /** The response ended from the other side (the browser left, an error): nothing more to send. */
  void ended() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
    }
  }

  private void offer(String message) {
    if (closed.get()) {
      return;
    }
    if (!queue.offer(message)) {
      complete();
      return;
    }
    if (sending.compareAndSet(false, true)) {
      senders.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      String message = queue.poll();
      if (message == null) {
        sending.set(false);
        // A message queued after the poll, while this sender was still marked, is sent now.
        if (queue.isEmpty() || !sending.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      if (closed.get()) {
        queue.clear();
        continue;
      }
      try {
        emitter.send(message, TEXT);
      } catch (IOException | IllegalStateException e) {
        // The browser left; the container ends the response.
        ended();
      }
    }
  }
}
