package io.kafleet.kafka.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The election's preparation while Kafka does not answer: retried, never joined, and ended by
 * {@link LeaderElection#stop}. The preparation never succeeds here, so no Kafka client is made.
 */
class LeaderElectionTest {

  private static final Duration SESSION = Duration.ofMillis(50);

  private static final LeaderElection.Term NEVER_ELECTED =
      new LeaderElection.Term() {
        @Override
        public void lead() {
          throw new AssertionError("elected without a broker");
        }

        @Override
        public void stepDown() {}
      };

  @Test
  void aFailingPrepareIsRetriedWhileStartReturnsStandingByAndStopEndsIt() throws Exception {
    CountDownLatch attempts = new CountDownLatch(3);
    LeaderElection election =
        new LeaderElection(
            "test",
            "test.leader",
            Map.of(),
            SESSION,
            () -> {
              attempts.countDown();
              throw new IllegalStateException("Kafka does not answer");
            },
            NEVER_ELECTED);

    election.start();
    try {
      assertThat(election.isRunning()).as("start returned, the election goes on").isTrue();
      assertThat(election.leaderKnown()).isFalse();
      assertThat(election.leading()).isFalse();
      assertThat(attempts.await(30, TimeUnit.SECONDS)).as("prepared three times").isTrue();
      assertThat(election.leaderKnown()).isFalse();
    } finally {
      election.stop();
    }
    assertThat(election.isRunning()).isFalse();
  }

  @Test
  void stopInterruptsAPrepareThatWaitsForKafka() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    LeaderElection election =
        new LeaderElection(
            "test",
            "test.leader",
            Map.of(),
            SESSION,
            () -> {
              attempts.incrementAndGet();
              waiting.countDown();
              try {
                new CountDownLatch(1).await(); // a call that waits for Kafka, for ever
              } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
            },
            NEVER_ELECTED);

    election.start();
    assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
    election.stop();

    assertThat(interrupted.getCount()).as("the waiting prepare was interrupted").isZero();
    assertThat(election.isRunning()).isFalse();
    assertThat(attempts).as("not prepared again once stopped").hasValue(1);
    assertThat(election.leaderKnown()).isFalse();
  }
}
