package io.kafleet.schemas;

/**
 * The consumer groups and the transactional id of the control-plane services. They are part of the
 * contract: {@link ControlPlaneAccess} grants each service exactly these, so a service that named
 * its group otherwise would be refused by Kafka.
 */
public final class ControlPlaneClients {

  private ControlPlaneClients() {}

  /**
   * What the name of every consumer group of placement-service starts with (its shift follower's
   * group is exactly this), except the leader election's group, {@link Topics#placementLeader()}.
   */
  public static String placementGroups(Topics topics) {
    return topics.prefix() + "kafleet-placement";
  }

  /** The one transactional id all placement-service instances share: a former leader is fenced. */
  public static String placementTransactionalId(Topics topics) {
    return "kafleet-placement-" + topics.prefix();
  }

  /** The one transactional id all traffic-service instances share: a former leader is fenced. */
  public static String trafficTransactionalId(Topics topics) {
    return "kafleet-traffic-" + topics.prefix();
  }

  /**
   * What the name of every consumer group of traffic-service starts with, except the leader
   * election's group, {@link Topics#trafficLeader()}.
   */
  public static String trafficGroups(Topics topics) {
    return topics.prefix() + "kafleet-traffic-";
  }

  /**
   * What the name of every consumer group of the fleet events' reader ({@code kafleet-events})
   * starts with: Kafka tools following the events in groups of their own.
   */
  public static String eventsReaderGroups(Topics topics) {
    return topics.prefix() + "kafleet-events-";
  }
}
