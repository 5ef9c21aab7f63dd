package io.kafleet.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Everything one member cluster's agent may do on Kafka, as data: its principal, the topics its
 * join creates, and the exact ACLs it is granted. Nothing cluster-wide, no CREATE, no ALTER: the
 * agent reads its works and queries in its own groups and writes its statuses and replies.
 *
 * <p>The agent's producers are idempotent (the Kafka default), not transactional: since KIP-679
 * (Kafka 2.8) an idempotent producer needs WRITE on some topic, not IDEMPOTENT_WRITE on the
 * cluster, so no transactional-id or cluster ACL is granted.
 *
 * @param cluster the member cluster, a DNS label
 * @param user the agent's SCRAM user name
 * @param topics the cluster's topics, as its join creates them when missing
 * @param bindings the ACLs of the agent's principal, and no others
 */
public record ClusterAccessPlan(
    String cluster, String user, List<NewTopic> topics, List<AclBinding> bindings) {

  public ClusterAccessPlan {
    topics = List.copyOf(topics);
    bindings = List.copyOf(bindings);
  }

  /** The agent's principal, as ACLs name it. */
  public String principal() {
    return "User:" + user;
  }

  /**
   * The plan for one cluster's agent.
   *
   * @param consumerGroups the agent's consumer groups (see {@link #agentConsumerGroups})
   * @param replicationFactor of the topics created; empty takes the brokers' default
   * @throws IllegalArgumentException naming the cluster when it is not a DNS label
   */
  public static ClusterAccessPlan of(
      String cluster,
      Topics topics,
      List<String> consumerGroups,
      Optional<Short> replicationFactor) {
    if (!Topics.isValidClusterName(cluster)) {
      throw new IllegalArgumentException(
          "cluster name '"
              + cluster
              + "' is not a DNS label (lower-case letters, digits, '-', 1-63, starting and ending"
              + " with a letter or digit)");
    }
    if (consumerGroups.isEmpty()) {
      throw new IllegalArgumentException("the agent of " + cluster + " needs a consumer group");
    }
    String user = userName(cluster);
    String principal = "User:" + user;
    List<AclBinding> bindings = new ArrayList<>();
    for (String read : List.of(topics.executionSpace(cluster), topics.query(cluster))) {
      bindings.add(allow(principal, ResourceType.TOPIC, read, AclOperation.READ));
      bindings.add(allow(principal, ResourceType.TOPIC, read, AclOperation.DESCRIBE));
    }
    for (String write : List.of(topics.status(cluster), topics.queryReply(cluster))) {
      bindings.add(allow(principal, ResourceType.TOPIC, write, AclOperation.WRITE));
      bindings.add(allow(principal, ResourceType.TOPIC, write, AclOperation.DESCRIBE));
    }
    for (String group : consumerGroups) {
      bindings.add(allow(principal, ResourceType.GROUP, group, AclOperation.READ));
    }
    List<NewTopic> newTopics = KafkaTopics.memberTopics(topics, cluster, replicationFactor);
    return new ClusterAccessPlan(cluster, user, newTopics, bindings);
  }

  /** The plan with the agent's own consumer groups and the brokers' replication factor. */
  public static ClusterAccessPlan of(String cluster, Topics topics) {
    return of(cluster, topics, agentConsumerGroups(cluster), Optional.empty());
  }

  /** The SCRAM user, and so the principal, of the agent of {@code cluster}. */
  public static String userName(String cluster) {
    return "kafleet-agent-" + cluster;
  }

  /** The groups propagation-agent consumes in (see {@link AgentGroups}). */
  public static List<String> agentConsumerGroups(String cluster) {
    return AgentGroups.all(cluster);
  }

  private static AclBinding allow(
      String principal, ResourceType type, String name, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
