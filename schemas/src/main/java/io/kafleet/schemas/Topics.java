package io.kafleet.schemas;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of kafleet's topics. An optional prefix lets several fleets (or tests) share one
 * broker; production uses {@link #DEFAULT}, with no prefix.
 */
public record Topics(String prefix) {

  /** Kubernetes cluster names are DNS labels; that also keeps topic names legal. */
  private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]*");

  /** Declared after the patterns its constructor uses. */
  public static final Topics DEFAULT = new Topics("");

  public Topics {
    Objects.requireNonNull(prefix, "prefix");
    if (!TOPIC_CHARS.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix '" + prefix + "' may hold only letters, digits, '.', '_' and '-'");
    }
  }

  /** Works for one member cluster; compacted; the only writer is placement-service. */
  public String executionSpace(String cluster) {
    return executionSpacePrefix() + requireClusterName(cluster);
  }

  /** What every execution-space topic name starts with; the cluster name follows. */
  public String executionSpacePrefix() {
    return prefix + "kafleet.es.";
  }

  /** Heartbeats and work statuses of one member cluster; compacted; written by its agent only. */
  public String status(String cluster) {
    return statusPrefix() + requireClusterName(cluster);
  }

  /**
   * Live-object queries for one member cluster, keyed by query id; written by placement-service,
   * read by that cluster's agent only.
   */
  public String query(String cluster) {
    return queryPrefix() + requireClusterName(cluster);
  }

  /** What every query topic's name starts with; the rest is the cluster's name. */
  public String queryPrefix() {
    return prefix + "kafleet.query.";
  }

  /** Answers to {@link #query} of one member cluster, keyed by query id; its agent writes them. */
  public String queryReply(String cluster) {
    return queryReplyPrefix() + requireClusterName(cluster);
  }

  /** What every query-reply topic's name starts with; the rest is the cluster's name. */
  public String queryReplyPrefix() {
    return prefix + "kafleet.query-reply.";
  }

  /** Resource templates as submitted, keyed by object key; compacted. */
  public String templates() {
    return prefix + "kafleet.templates";
  }

  /** Karmada and KubeVela policies, keyed by object key; compacted. */
  public String policies() {
    return prefix + "kafleet.policies";
  }

  /** Cluster registry decisions (accepted, left), keyed by cluster name; compacted. */
  public String clusters() {
    return prefix + "kafleet.clusters";
  }

  /**
   * placement-service's last scheduling decision per template (where it went, divided replicas,
   * running evictions), keyed by the template's object key; compacted. The next decision starts
   * from it, so placements stay put across decisions and leaders.
   */
  public String schedules() {
    return prefix + "kafleet.schedules";
  }

  /** Weight shifts validated by traffic-service, keyed by VirtualService object key. */
  public String trafficShifts() {
    return prefix + "kafleet.traffic.shifts";
  }

  /** What every status topic's name starts with; the rest is the cluster's name. */
  public String statusPrefix() {
    return prefix + "kafleet.status.";
  }

  /** Rollout requests, as CI pipelines publish them, keyed by correlation id. */
  public String rolloutRequests() {
    return prefix + "kafleet.rollout.requests";
  }

  /**
   * The placement-service instances' election: they join one consumer group on this one-partition
   * topic, and the holder of the partition leads. Nothing is written to it.
   */
  public String placementLeader() {
    return prefix + "kafleet.placement.leader";
  }

  /**
   * The traffic-service instances' election, as {@link #placementLeader()}: the holder of this
   * one-partition topic's partition leads. Nothing is written to it.
   */
  public String trafficLeader() {
    return prefix + "kafleet.traffic.leader";
  }

  /**
   * Fleet events placement-service publishes for outside consumers: template and cluster state. One
   * topic per writing service, so every topic keeps a single writer.
   */
  public String placementEvents() {
    return prefix + "kafleet.placement.events";
  }

  /** Fleet events traffic-service publishes for outside consumers: shift and rollout progress. */
  public String trafficEvents() {
    return prefix + "kafleet.traffic.events";
  }

  public static boolean isValidClusterName(String cluster) {
    return cluster != null && CLUSTER_NAME.matcher(cluster).matches();
  }

  static String requireClusterName(String cluster) {
    if (!isValidClusterName(cluster)) {
      throw new IllegalArgumentException(
          "cluster name '"
              + cluster
              + "' is not a DNS label (lower-case letters, digits, '-', 1-63)");
    }
    return cluster;
  }
}
