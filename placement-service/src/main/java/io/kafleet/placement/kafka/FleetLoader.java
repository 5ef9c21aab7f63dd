package io.kafleet.placement.kafka;

import io.kafleet.events.ClusterAdmission;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StoredObject;
import io.kafleet.events.TemplateSchedule;
import io.kafleet.events.Work;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.handlers.TemplateSealing;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.serde.PoisonRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds the fleet from the topics placement-service owns, read to the end: the operator's
 * cluster decisions, the stored templates and policies, and every execution space.
 *
 * <p>A record that cannot be read is skipped and handed back, to be published as a {@code
 * RecordSkipped} event: its key keeps the last value that could be read (the template's previous
 * generation, the cluster's previous decision), or none. Refusing to lead instead would leave the
 * fleet without a writer, and so without the API that could replace the record. A skipped work is
 * harmless (the new leader writes the work its template wants again); a skipped template, policy or
 * cluster decision is not, since the works it wanted would look unwanted: {@link
 * Loaded#storedComplete()} says whether the leader may remove unclaimed works.
 */
final class FleetLoader {

  private static final Logger log = LoggerFactory.getLogger(FleetLoader.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private FleetLoader() {}

  /**
   * What the load found besides the fleet itself.
   *
   * @param spaces the execution-space topics found
   * @param skipped every record that could not be read, in the order read
   * @param storedComplete false when a skipped record was a stored template, policy or cluster
   *     decision
   */
  record Loaded(List<String> spaces, List<RecordSkipped> skipped, boolean storedComplete) {}

  static Loaded load(
      KafkaSettings settings,
      FleetModel model,
      ClusterRegistry clusters,
      TemplateSealing templates) {
    FleetTopics.create(
        settings,
        List.of(
            settings.topics().templates(),
            settings.topics().policies(),
            settings.topics().clusters(),
            settings.topics().schedules()));
    List<RecordSkipped> skipped = new ArrayList<>();
    Consumer<RecordSkipped> skip =
        record -> {
          log.error(PoisonRecords.describe(record));
          skipped.add(record);
        };
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().clusters()),
        ClusterAdmission.class,
        KafkaDecisionWriter.SOURCE,
        (topic, cluster, value) ->
            clusters.admit(
                cluster, value == null ? null : Admission.from((ClusterAdmission) value)),
        skip);
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().templates(), settings.topics().policies()),
        StoredObject.class,
        KafkaDecisionWriter.SOURCE,
        (topic, key, value) -> loadObject(model, key, (StoredObject) value, templates),
        skip);
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().schedules()),
        TemplateSchedule.class,
        KafkaDecisionWriter.SOURCE,
        (topic, key, value) ->
            model.loadSchedule(
                ObjectKey.parse(key),
                value == null ? null : ScheduleRecords.lastDecision((TemplateSchedule) value),
                value == null ? List.of() : ScheduleRecords.evictions((TemplateSchedule) value)),
        skip);
    boolean storedComplete = skipped.isEmpty();
    List<String> spaces = executionSpaces(settings);
    int prefix = settings.topics().executionSpacePrefix().length();
    KafkaTopics.readToEnd(
        settings.reader(),
        spaces,
        Work.class,
        KafkaDecisionWriter.SOURCE,
        (topic, key, value) ->
            model.loadEmitted(
                new WorkId(topic.substring(prefix), ObjectKey.parse(key)),
                value == null ? null : ((Work) value).getContentHash()),
        skip);
    return new Loaded(spaces, skipped, storedComplete);
  }

  private static void loadObject(
      FleetModel model, String key, StoredObject value, TemplateSealing templates) {
    ObjectKey objectKey = ObjectKey.parse(key);
    if (value == null) {
      model.loadStored(objectKey, null, 0);
      return;
    }
    try {
      String document = templates.open(objectKey, value.getDocument(), value.getSealedData());
      model.loadStored(objectKey, Submissions.of(JSON.readTree(document)), value.getGeneration());
    } catch (RuntimeException e) {
      // Stored once valid; refusing it now would hide it. Say so loudly and keep going.
      log.error("stored object {} no longer reads: {}", key, e.getMessage());
    }
  }

  private static List<String> executionSpaces(KafkaSettings settings) {
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
}
