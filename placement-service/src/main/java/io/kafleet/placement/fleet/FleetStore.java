package io.kafleet.placement.fleet;

import io.kafleet.events.ClusterAdmission;
import io.kafleet.events.StoredObject;
import io.kafleet.events.Work;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topics placement-service owns: it reads them to the end at start-up into a {@link
 * FleetState}, and writes each decision to them in one Kafka transaction.
 */
public final class FleetStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetStore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaSettings settings;
  private final KafkaProducer<String, Object> producer;
  private final Set<String> knownTopics = new HashSet<>();

  public FleetStore(KafkaSettings settings) {
    this.settings = settings;
    ensureTopics(
        List.of(
            settings.topics().templates(),
            settings.topics().policies(),
            settings.topics().clusters()));
    this.producer =
        new KafkaProducer<>(
            settings.producer(ControlPlaneClients.placementTransactionalId(settings.topics())));
    producer.initTransactions();
  }

  /**
   * Rebuilds the state from the topics: templates, policies, the operator's cluster decisions, and
   * every execution space.
   */
  public void load(FleetState state, ClusterRegistry clusters, TemplateSealing templates) {
    readToEnd(
        settings.topics().clusters(),
        (cluster, value) ->
            clusters.admit(
                cluster, value == null ? null : Admission.from((ClusterAdmission) value)));
    for (String topic : List.of(settings.topics().templates(), settings.topics().policies())) {
      readToEnd(topic, (key, value) -> loadObject(state, key, (StoredObject) value, templates));
    }
    int prefix = settings.topics().executionSpacePrefix().length();
    KafkaTopics.readToEnd(
        settings.reader(),
        executionSpaces(),
        (topic, key, value) ->
            state.recordEmitted(
                new WorkId(topic.substring(prefix), ObjectKey.parse(key)),
                value == null ? null : ((Work) value).getContentHash()));
  }

  /** Writes every record, or none of them. */
  public void writeAtomically(List<ProducerRecord<String, Object>> records) {
    if (records.isEmpty()) {
      return;
    }
    ensureTopics(records.stream().map(ProducerRecord::topic).distinct().toList());
    try {
      producer.beginTransaction();
      for (ProducerRecord<String, Object> record : records) {
        producer.send(record);
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw new IllegalStateException(
          "writing " + records.size() + " records failed; none was written", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private void loadObject(
      FleetState state, String key, StoredObject value, TemplateSealing templates) {
    if (value == null) {
      state.remove(ObjectKey.parse(key));
      return;
    }
    try {
      String document =
          templates.open(ObjectKey.parse(key), value.getDocument(), value.getSealedData());
      state.put(Submissions.of(JSON.readTree(document)), value.getGeneration());
    } catch (RuntimeException e) {
      // Stored once valid; refusing it now would hide it. Say so loudly and keep going.
      log.error("stored object {} no longer reads: {}", key, e.getMessage());
    }
  }

  private List<String> executionSpaces() {
    String esPrefix = settings.topics().executionSpacePrefix();
    try (Admin admin = Admin.create(settings.admin())) {
      return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
          .filter(name -> name.startsWith(esPrefix))
          .sorted()
          .toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list the execution-space topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing topics", e);
    }
  }

  private void readToEnd(String topic, BiConsumer<String, Object> onRecord) {
    KafkaTopics.readToEnd(settings.reader(), topic, onRecord);
  }

  private void ensureTopics(List<String> topics) {
    List<String> missing = topics.stream().filter(knownTopics::add).toList();
    try {
      FleetTopics.create(settings, missing);
    } catch (RuntimeException e) {
      knownTopics.removeAll(missing);
      throw e;
    }
  }
}
