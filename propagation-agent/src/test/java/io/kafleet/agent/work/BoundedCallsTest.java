package io.kafleet.agent.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedCallsTest {

  private final List<BoundedCalls> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(BoundedCalls::close);
  }

  @Test
  void neverMoreThanTheLimitInFlightAndEveryResultOnTheAskingThread() throws Exception {
    BoundedCalls calls = open(4);
    List<Integer> items = IntStream.range(0, 20).boxed().toList();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    Semaphore gate = new Semaphore(0);
    List<String> results = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread asking =
        new Thread(
            () -> {
              try {
                calls.run(
                    items,
                    item -> {
                      started.incrementAndGet();
                      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                      gate.acquireUninterruptibly();
                      inFlight.decrementAndGet();
                      return item * 10;
                    },
                    (item, result) ->
                        results.add(item + "=" + result + "@" + Thread.currentThread().getName()));
              } catch (Throwable e) {
                failed.set(e);
              }
            },
            "asking");
    asking.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 4);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> started.get() == 4 && results.isEmpty());
    gate.release(items.size());
    asking.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(failed.get()).isNull();
    assertThat(mostInFlight.get()).as("most calls in flight at once").isEqualTo(4);
    assertThat(results)
        .containsExactlyInAnyOrderElementsOf(
            items.stream().map(item -> item + "=" + item * 10 + "@asking").toList());
  }

  @Test
  void resultsAreHandedOverAsCallsEndNotInTheOrderGiven() throws Exception {
    BoundedCalls calls = open(2);
    CountDownLatch fastHandedOver = new CountDownLatch(1);
    List<String> order = new ArrayList<>();

    calls.run(
        List.of("slow", "fast"),
        item -> {
          if (item.equals("fast")) {
            return "done";
          }
          try {
            // Ends only once the later item's result was handed over: in-order hand-over would
            // never get there and time out.
            return fastHandedOver.await(10, TimeUnit.SECONDS) ? "done" : "timed out";
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
          }
        },
        (item, result) -> {
          order.add(item + " " + result);
          if (item.equals("fast")) {
            fastHandedOver.countDown();
          }
        });

    assertThat(order).containsExactly("fast done", "slow done");
  }

  @Test
  void aFailingCallDropsTheCallsNotStartedAwaitsThoseInFlightAndIsThrown() throws Exception {
    BoundedCalls calls = open(2);
    List<Integer> items = IntStream.range(0, 100).boxed().toList();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    CountDownLatch thrown = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    Semaphore gate = new Semaphore(0);
    List<Integer> handedOver = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger inFlightWhenThrown = new AtomicInteger(-1);
    Thread asking =
        new Thread(
            () -> {
              try {
                calls.run(
                    items,
                    item -> {
                      started.incrementAndGet();
                      inFlight.incrementAndGet();
                      try {
                        if (item == 0) {
                          // Fails while item 1 is surely in flight.
                          secondStarted.await(10, TimeUnit.SECONDS);
                          thrown.countDown();
                          throw new IllegalStateException("item 0 cannot be applied");
                        }
                        secondStarted.countDown();
                        gate.acquireUninterruptibly();
                        return item;
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      } finally {
                        inFlight.decrementAndGet();
                      }
                    },
                    (item, result) -> handedOver.add(item));
              } catch (Throwable e) {
                inFlightWhenThrown.set(inFlight.get());
                failure.set(e);
              }
            });
    asking.start();

    assertThat(thrown.await(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> asking.getState() == Thread.State.WAITING);
    gate.release(items.size());
    asking.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("item 0 cannot be applied");
    assertThat(inFlightWhenThrown.get()).as("calls in flight when the failure was thrown").isZero();
    assertThat(started.get()).as("calls started of 100").isLessThan(10);
    assertThat(handedOver).as("results handed over after the failure").isEmpty();
  }

  @Test
  void aFailingResultHandlerIsThrownOnceTheCallsInFlightEnded() {
    BoundedCalls calls = open(3);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger inFlightWhenThrown = new AtomicInteger(-1);

    assertThatThrownBy(
            () -> {
              try {
                calls.run(
                    IntStream.range(0, 30).boxed().toList(),
                    item -> {
                      inFlight.incrementAndGet();
                      inFlight.decrementAndGet();
                      return item;
                    },
                    (item, result) -> {
                      throw new IllegalStateException("the report of " + item + " failed");
                    });
              } finally {
                inFlightWhenThrown.set(inFlight.get());
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the report of ");
    assertThat(inFlightWhenThrown.get()).isZero();
  }

  @Test
  void aLimitOfOneCallsOnTheAskingThreadInTheOrderGivenAndStopsAtAFailure() {
    BoundedCalls calls = open(1);
    List<String> seen = new ArrayList<>();
    String asking = Thread.currentThread().getName();

    assertThatThrownBy(
            () ->
                calls.run(
                    List.of("a", "b", "c", "d"),
                    item -> {
                      seen.add(
                          "call "
                              + item
                              + (Thread.currentThread().getName().equals(asking)
                                  ? ""
                                  : " elsewhere"));
                      if (item.equals("c")) {
                        throw new IllegalStateException("c failed");
                      }
                      return item.toUpperCase();
                    },
                    (item, result) -> seen.add("result " + result)))
        .hasMessage("c failed");
    assertThat(seen).containsExactly("call a", "result A", "call b", "result B", "call c");
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new BoundedCalls(0, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the limit of calls in flight must be 1 or more: 0");
  }

  private BoundedCalls open(int limit) {
    BoundedCalls calls = new BoundedCalls(limit, "test-call");
    opened.add(calls);
    return calls;
  }
}
