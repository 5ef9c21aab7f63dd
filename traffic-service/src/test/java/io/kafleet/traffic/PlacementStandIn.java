package io.kafleet.traffic;

import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The test standing in for placement-service and the agents of podinfo's clusters: every shift
 * traffic-service publishes lands in its clusters as asked, each reported applied with the weights
 * read back. Remembers each cluster's live weights ("green=20,blue=80").
 */
public final class PlacementStandIn implements AutoCloseable {

  private final FleetStandIn fleet;
  private final Topics topics;
  private final List<String> clusters;
  private final Map<String, String> live = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stopping;

  private PlacementStandIn(FleetStandIn fleet, Topics topics, List<String> clusters) {
    this.fleet = fleet;
    this.topics = topics;
    this.clusters = List.copyOf(clusters);
    this.thread = new Thread(this::renderShifts, "placement-stand-in");
  }

  /**
   * Follows the shifts topic from its start; a shift naming no cluster goes to {@code clusters}.
   */
  public static PlacementStandIn start(FleetStandIn fleet, Topics topics, List<String> clusters) {
    PlacementStandIn standIn = new PlacementStandIn(fleet, topics, clusters);
    standIn.thread.start();
    return standIn;
  }

  /** Each cluster's live weights, by cluster name. */
  public Map<String, String> weights() {
    return new TreeMap<>(live);
  }

  private void renderShifts() {
    try (KafkaConsumer<String, TrafficShiftRequested> shifts =
        fleet.follow(topics.trafficShifts())) {
      while (!stopping) {
        for (ConsumerRecord<String, TrafficShiftRequested> record :
            shifts.poll(Duration.ofMillis(100))) {
          TrafficShiftRequested shift = record.value();
          String document = PodinfoDocuments.virtualService(shift.getWeights().getDestinations());
          List<String> targets = shift.getClusters().isEmpty() ? clusters : shift.getClusters();
          for (String cluster : targets) {
            fleet.work(cluster, 1, "hash-" + shift.getShiftId(), document);
            fleet.applied(cluster, 1, "hash-" + shift.getShiftId(), document);
            live.put(cluster, PodinfoDocuments.weights(shift.getWeights().getDestinations()));
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    thread.join();
  }
}
