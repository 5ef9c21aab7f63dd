package io.kafleet.placement.kafka;

import io.kafleet.events.ClusterAdmission;
import io.kafleet.events.StoredObject;
import io.kafleet.events.Work;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.handlers.TemplateSealing;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds the fleet from the topics placement-service owns, read to the end: the operator's
 * cluster decisions, the stored templates and policies, and every execution space.
 */
final class FleetLoader {

  private static final Logger log = LoggerFactory.getLogger(FleetLoader.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private FleetLoader() {}

  /**
   * @return the execution-space topics found
   */
  static List<String> load(
      KafkaSettings settings,
      FleetModel model,
      ClusterRegistry clusters,
      TemplateSealing templates) {
    FleetTopics.create(
        settings,
        List.of(
            settings.topics().templates(),
            settings.topics().policies(),
            settings.topics().clusters()));
    KafkaTopics.readToEnd(
        settings.reader(),
        settings.topics().clusters(),
        (cluster, value) ->
            clusters.admit(
                cluster, value == null ? null : Admission.from((ClusterAdmission) value)));
    for (String topic : List.of(settings.topics().templates(), settings.topics().policies())) {
      KafkaTopics.readToEnd(
          settings.reader(),
          topic,
          (key, value) -> loadObject(model, key, (StoredObject) value, templates));
    }
    List<String> spaces = executionSpaces(settings);
    int prefix = settings.topics().executionSpacePrefix().length();
    KafkaTopics.readToEnd(
        settings.reader(),
        spaces,
        (topic, key, value) ->
            model.loadEmitted(
                new WorkId(topic.substring(prefix), ObjectKey.parse(key)),
                value == null ? null : ((Work) value).getContentHash()));
    return spaces;
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
