package io.kafleet.traffic.kafka;

import io.kafleet.events.StatusEvent;
import io.kafleet.events.StoredObject;
import io.kafleet.events.Work;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.StoredTemplate;
import io.kafleet.traffic.fleet.WorkView;
import io.kafleet.traffic.logs.LogFields;
import io.kafleet.traffic.shifts.DirectApplies;
import io.kafleet.traffic.shifts.ShiftRecord;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a record of the templates topic, an execution space or a status topic changes in the fleet
 * view: the routing templates (VirtualServices, DestinationRules, Services), the VirtualService
 * works per cluster, and the agents' reports on VirtualServices and Deployments (a canary's health
 * gates rollouts).
 */
final class FleetRecords {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FleetRecords() {}

  /** The type of event a fleet topic carries; any other value there is poison. */
  static Class<?> valueType(Topics topics, String topic) {
    if (topic.equals(topics.templates())) {
      return StoredObject.class;
    }
    return topic.startsWith(topics.executionSpacePrefix()) ? Work.class : StatusEvent.class;
  }

  /**
   * Takes the record into {@code fleet}.
   *
   * @return the shifts that a VirtualService template changed outside traffic-service implies (see
   *     {@link DirectApplies}); empty for every other record
   */
  @SuppressWarnings("try") // the log fields are used by the logging within
  static List<ShiftRecord> take(FleetView fleet, Topics topics, FleetRecord record) {
    if (record.key() == null || record.key().split("/", -1).length != 4) {
      return List.of(); // a heartbeat, keyed by cluster name
    }
    ObjectKey key = ObjectKey.parse(record.key());
    String topic = record.topic();
    if (topic.equals(topics.templates())) {
      return template(fleet, key, (StoredObject) record.value());
    }
    if (topic.startsWith(topics.executionSpacePrefix())) {
      if (ObjectKeys.isVirtualService(key)) {
        String cluster = topic.substring(topics.executionSpacePrefix().length());
        try (LogFields fields =
            LogFields.of(LogFields.CLUSTER, cluster, LogFields.OBJECT, record.key())) {
          work(fleet, cluster, key, (Work) record.value());
        }
      }
    } else if (topic.startsWith(topics.statusPrefix())) {
      String cluster = topic.substring(topics.statusPrefix().length());
      try (LogFields fields =
          LogFields.of(LogFields.CLUSTER, cluster, LogFields.OBJECT, record.key())) {
        report(fleet, cluster, key, (StatusEvent) record.value());
      }
    }
    return List.of();
  }

  private static List<ShiftRecord> template(FleetView fleet, ObjectKey key, StoredObject stored) {
    if (!relevant(key)) {
      return List.of();
    }
    StoredTemplate next =
        stored == null
            ? null
            : new StoredTemplate(
                stored.getGeneration(),
                stored.getAppliedBy(),
                stored.getAppliedAt(),
                JSON.readTree(stored.getDocument()));
    StoredTemplate previous = fleet.template(key).orElse(null);
    fleet.putTemplate(key, next);
    return DirectApplies.detect(key, previous, next);
  }

  private static void work(FleetView fleet, String cluster, ObjectKey key, Work work) {
    fleet.putWork(
        cluster,
        key,
        work == null
            ? null
            : WorkView.of(
                work.getTemplateGeneration(),
                work.getContentHash(),
                Routes.all(JSON.readTree(work.getManifest()))));
  }

  private static void report(FleetView fleet, String cluster, ObjectKey key, StatusEvent event) {
    if (!ObjectKeys.isVirtualService(key) && !RolloutRunner.isDeployment(key)) {
      return;
    }
    if (event == null) {
      fleet.putReport(cluster, key, null);
    } else if (event.getPayload() instanceof WorkStatus status
        && cluster.equals(status.getCluster())) {
      // A status topic speaks for its own cluster only.
      fleet.putReport(cluster, key, status);
    }
  }

  private static boolean relevant(ObjectKey key) {
    return ObjectKeys.isVirtualService(key)
        || (key.group().equals(FleetView.ISTIO_GROUP) && key.kind().equals("DestinationRule"))
        || (key.group().equals(ObjectKey.CORE_GROUP) && key.kind().equals("Service"));
  }
}
