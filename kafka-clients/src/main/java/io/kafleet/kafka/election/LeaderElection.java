package io.kafleet.kafka.election;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one instance among those of a service: every instance joins one consumer group (named as
 * the topic) on a one-partition topic, and the instance holding the partition leads. Nothing is
 * written to the topic. A leader that leaves (closes) hands over at once; one that falls silent
 * loses the partition after the session timeout. Being told to lead ({@link Term#lead}) is not
 * proof enough to write: a former leader may not have noticed yet, so the service also fences it,
 * e.g. with a transactional id all instances share.
 *
 * <p>The election first prepares (creates the topic it runs on, with one partition, and whatever
 * else the service needs before it can lead) on its own thread, retrying after a pause until Kafka
 * answers: a broker that is down when the service starts is an outage to wait out, not a reason to
 * exit. Only then does it join.
 */
public final class LeaderElection implements ConsumerRebalanceListener {

  /** What a service does when it starts and stops leading; both run on the election's thread. */
  public interface Term {

    /** Starts leading; a failure here gives the lead away and rejoins after a pause. */
    void lead();

    /** Stops leading: stop writing at once. Also called when {@link #lead} failed. */
    void stepDown();
  }

  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** Between two attempts to prepare while Kafka does not answer. */
  private static final Duration PREPARE_PAUSE = Duration.ofSeconds(1);

  private final String name;
  private final String topic;
  private final Map<String, Object> clientConfig;
  private final Duration sessionTimeout;
  private final Runnable prepare;
  private final Term term;
  private final CountDownLatch firstElection = new CountDownLatch(1);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicBoolean resignRequested = new AtomicBoolean();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean leading;
  private volatile boolean inGroup;

  /**
   * @param name what is led, for the thread's name and the log
   * @param clientConfig the service's Kafka client settings (servers, security); the group, the
   *     deserializers and the timeouts are set here
   * @param prepare creates {@code topic} (one partition) and any other topic the service needs
   *     before it leads, if missing; runs on the election's thread before it joins, again after a
   *     pause for as long as it throws
   */
  public LeaderElection(
      String name,
      String topic,
      Map<String, Object> clientConfig,
      Duration sessionTimeout,
      Runnable prepare,
      Term term) {
    this.name = name;
    this.topic = topic;
    this.clientConfig = Map.copyOf(clientConfig);
    this.sessionTimeout = sessionTimeout;
    this.prepare = prepare;
    this.term = term;
  }

  /**
   * Prepares and joins the election on its own thread; waits for its first outcome, at most three
   * session timeouts, then returns and lets the election go on (still preparing, when Kafka does
   * not answer).
   */
  public void start() {
    thread = new Thread(this::run, "kafleet-election-" + name);
    thread.start();
    try {
      if (!firstElection.await(sessionTimeout.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{}: no election yet; standing by until one completes", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Leaves the election: a leader steps down, and another instance takes over at once. A prepare
   * still retrying is interrupted.
   */
  public void stop() {
    stopRequested.countDown();
    Thread running = thread;
    if (running == null) {
      return;
    }
    KafkaConsumer<byte[], byte[]> joined = consumer;
    if (joined != null) {
      joined.wakeup();
    } else {
      running.interrupt(); // still preparing: cut a call that waits for Kafka short
    }
    try {
      running.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Gives the lead away (a write failed or was fenced): steps down, leaves the group and rejoins
   * after a pause, so that the next term starts again from the topics. Safe from any thread.
   */
  public void resign() {
    resignRequested.set(true);
    KafkaConsumer<byte[], byte[]> running = consumer;
    if (running != null) {
      running.wakeup();
    }
  }

  public boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  /** Whether this instance leads now (it may have been deposed without knowing yet). */
  public boolean leading() {
    return leading;
  }

  /**
   * Whether the election has an outcome this instance took part in: it leads, or it stands by for
   * another member that does. False before the first election and while it rejoins.
   */
  public boolean leaderKnown() {
    return inGroup;
  }

  private void run() {
    if (!prepared()) {
      return;
    }
    while (true) {
      consumer = new KafkaConsumer<>(consumerConfig());
      // After publishing the consumer: stop() either sees it and wakes it, or is seen here.
      if (stopRequested.getCount() == 0) {
        try {
          consumer.close();
        } catch (RuntimeException e) {
          // stop() may have interrupted this thread as it still saw no consumer: closing is all
          // that was left to do
        }
        return;
      }
      try (KafkaConsumer<byte[], byte[]> running = consumer) {
        running.subscribe(List.of(topic), this);
        while (true) {
          running.poll(Duration.ofSeconds(1));
        }
      } catch (WakeupException woken) {
        // stop() or resign(); closing the consumer leaves the group so another instance leads
        end();
        if (stopRequested.getCount() == 0) {
          return;
        }
        log.warn("{}: gave the lead away; rejoining the election shortly", name);
      } catch (RuntimeException e) {
        log.error("{}: leading failed; rejoining the election shortly", name, e);
        end();
      }
      resignRequested.set(false);
      try {
        if (stopRequested.await(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Runs {@link #prepare} until it succeeds; false when stopped first. */
  private boolean prepared() {
    while (stopRequested.getCount() > 0) {
      try {
        prepare.run();
        return stopRequested.getCount() > 0;
      } catch (RuntimeException e) {
        log.warn(
            "{}: cannot prepare the election yet (is Kafka up?): {}; retrying in {}",
            name,
            e.getCause() == null ? e.toString() : e + ": " + e.getCause(),
            PREPARE_PAUSE);
      }
      try {
        if (stopRequested.await(PREPARE_PAUSE.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    inGroup = true;
    if (!partitions.isEmpty() && !leading) {
      leading = true;
      log.info("{}: leading", name);
      term.lead();
    }
    firstElection.countDown();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      end();
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    inGroup = false;
    end();
  }

  private void end() {
    inGroup = false;
    if (leading) {
      leading = false;
      log.info("{}: no longer leading", name);
      term.stepDown();
    }
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Sticky: a new instance joining does not take the lead away from the current leader.
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    config.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.dividedBy(5).toMillis());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
