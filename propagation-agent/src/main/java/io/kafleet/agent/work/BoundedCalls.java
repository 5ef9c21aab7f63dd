package io.kafleet.agent.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs one blocking call per item with at most {@code limit} calls in flight, and hands every
 * result to the thread that asked, as each call ends: whatever keeps the books on those results
 * stays on one thread. A run returns once every call has ended, so that runs one after another
 * never overlap. A limit of 1 makes the calls on the asking thread, one after another.
 *
 * <p>Threads are made on demand and end after {@value #IDLE_SECONDS} s idle: an agent with nothing
 * to apply holds none of them.
 */
final class BoundedCalls implements AutoCloseable {

  private static final long IDLE_SECONDS = 30;

  private final int limit;
  private final ThreadPoolExecutor pool;

  BoundedCalls(int limit, String threadName) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "the limit of calls in flight must be 1 or more: " + limit);
    }
    this.limit = limit;
    this.pool = limit == 1 ? null : pool(limit, threadName);
  }

  int limit() {
    return limit;
  }

  /**
   * Calls {@code call} for every item, at most {@link #limit} at once, and {@code onResult} on this
   * thread with each item and its result as it comes. When a call or {@code onResult} throws, the
   * calls not started yet are dropped, those in flight are awaited, and the first exception is
   * thrown.
   */
  <T, R> void run(List<T> items, Function<T, R> call, BiConsumer<T, R> onResult)
      throws InterruptedException {
    if (pool == null) {
      for (T item : items) {
        onResult.accept(item, call.apply(item));
      }
      return;
    }
    CompletionService<Done<T, R>> completion = new ExecutorCompletionService<>(pool);
    List<Future<Done<T, R>>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(completion.submit(() -> new Done<>(item, call.apply(item))));
    }
    Throwable failure = null;
    try {
      for (int i = 0; i < futures.size(); i++) {
        Future<Done<T, R>> next = completion.take();
        if (failure != null || next.isCancelled()) {
          continue;
        }
        try {
          Done<T, R> done = next.get();
          onResult.accept(done.item(), done.result());
        } catch (ExecutionException e) {
          failure = e.getCause();
        } catch (RuntimeException | Error e) {
          failure = e;
        }
        if (failure != null) {
          futures.forEach(future -> future.cancel(false));
        }
      }
    } catch (InterruptedException e) {
      futures.forEach(future -> future.cancel(true));
      throw e;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private record Done<T, R>(T item, R result) {}

  private static ThreadPoolExecutor pool(int limit, String threadName) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, threadName + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            limit, limit, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
