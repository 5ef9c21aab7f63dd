package io.kafleet.placement.kafka;

import io.kafleet.events.AgentQuery;
import io.kafleet.events.AgentQueryReply;
import io.kafleet.events.RecordSkipped;
import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.serde.PoisonRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads live objects from a member cluster through its agent, without a kubeconfig: publishes an
 * {@code AgentQuery} on {@code kafleet.query.<cluster>} and waits for the reply with the same id on
 * {@code kafleet.query-reply.<cluster>}.
 */
@Component
public class MemberQueries implements DisposableBean {

  /** A query as the API takes it; null fields mean any. */
  public record Query(
      String cluster,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String labelSelector) {}

  private static final Logger log = LoggerFactory.getLogger(MemberQueries.class);
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private final KafkaSettings settings;
  private final Clock clock;
  private final Leadership leadership;
  private final KafkaProducer<String, Object> producer;
  private final KafkaConsumer<String, Object> replies;
  private final Map<String, CompletableFuture<AgentQueryReply>> pending = new ConcurrentHashMap<>();
  private final Thread thread;
  private final CompletableFuture<Void> listening = new CompletableFuture<>();

  public MemberQueries(KafkaSettings settings, Clock clock, Leadership leadership) {
    this.settings = settings;
    this.clock = clock;
    this.leadership = leadership;
    this.producer = new KafkaProducer<>(settings.plainProducer());
    Map<String, Object> config = settings.reader();
    config.put(
        ConsumerConfig.GROUP_ID_CONFIG,
        ControlPlaneClients.placementGroups(settings.topics()) + "-queries-" + UUID.randomUUID());
    // From the start: a cluster that joined since the last rebalance must not lose its first
    // reply; older replies match no pending query and are skipped.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    this.replies = new KafkaConsumer<>(config);
    this.thread = new Thread(this::listen, "kafleet-member-queries");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The reply of the cluster's agent.
   *
   * @throws IllegalStateException when no reply came in time (the agent is down, or the cluster has
   *     no query topics)
   */
  public AgentQueryReply ask(Query query) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<AgentQueryReply> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      listening.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      AgentQuery request =
          new AgentQuery(
              id,
              query.cluster(),
              query.apiVersion(),
              query.kind(),
              query.namespace(),
              query.name(),
              query.labelSelector(),
              clock.instant());
      producer
          .send(new ProducerRecord<>(settings.topics().query(query.cluster()), id, request))
          .get();
      return reply.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "no answer from the agent of "
              + query.cluster()
              + " within "
              + PATIENCE.toSeconds()
              + "s");
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot ask " + query.cluster() + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted asking " + query.cluster(), e);
    } finally {
      pending.remove(id);
    }
  }

  private void listen() {
    try {
      replies.subscribe(
          Pattern.compile(Pattern.quote(settings.topics().queryReplyPrefix()) + ".*"));
      while (true) {
        for (ConsumerRecord<String, Object> record : replies.poll(Duration.ofMillis(500))) {
          PoisonRecords.problem(record.value(), AgentQueryReply.class)
              .ifPresent(reason -> skip(record, reason));
          if (record.value() instanceof AgentQueryReply reply
              && record.topic().equals(settings.topics().queryReply(reply.getCluster()))) {
            CompletableFuture<AgentQueryReply> waiting = pending.get(reply.getQueryId());
            if (waiting != null) {
              waiting.complete(reply);
            }
          }
        }
        if (!replies.assignment().isEmpty()) {
          listening.complete(null);
        }
      }
    } catch (WakeupException closing) {
      // destroy() asked
    } finally {
      replies.close();
    }
  }

  /**
   * Not a reply: nobody can be answered with it. Every instance says so in its log; the leader also
   * publishes it as a {@code RecordSkipped} event.
   */
  private void skip(ConsumerRecord<String, Object> record, String reason) {
    RecordSkipped skipped =
        PoisonRecords.skipped(
            KafkaDecisionWriter.SOURCE,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            reason,
            clock.instant());
    log.error(PoisonRecords.describe(skipped));
    try {
      leadership.term().ifPresent(term -> term.skips().publish(List.of(skipped)));
    } catch (RuntimeException e) {
      log.error("the event of the skipped record was not published", e);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    replies.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
    producer.close(Duration.ofSeconds(5));
  }
}
