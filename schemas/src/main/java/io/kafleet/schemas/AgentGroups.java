package io.kafleet.schemas;

import java.util.List;

/**
 * The consumer groups of the agent of a member cluster. They are part of the contract: the
 * cluster's Kafka ACLs grant its agent exactly these groups. Group names carry no topic prefix.
 */
public final class AgentGroups {

  private AgentGroups() {}

  /** The group in which the agent reads its works. */
  public static String works(String cluster) {
    return "kafleet-agent-" + Topics.requireClusterName(cluster);
  }

  /** The group in which the agent reads the queries about its cluster. */
  public static String queries(String cluster) {
    return "kafleet-agent-query-" + Topics.requireClusterName(cluster);
  }

  public static List<String> all(String cluster) {
    return List.of(works(cluster), queries(cluster));
  }
}
