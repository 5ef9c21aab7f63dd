package io.kafleet.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Everything an events reader made by {@code kafleet access reader NAME} may do on Kafka, as data:
 * read (and describe) the placement and traffic event topics, and consume in the consumer groups
 * whose names start with its own prefix. Nothing else: no write, no other group, nothing
 * cluster-wide.
 *
 * @param reader the reader's name, a DNS label
 * @param user its SCRAM user name, {@code kafleet-reader-<reader>}
 * @param groupPrefix what the names of its consumer groups start with
 * @param bindings the ACLs of its principal, and no others
 */
public record ReaderAccessPlan(
    String reader, String user, String groupPrefix, List<AclBinding> bindings) {

  /** What every reader's SCRAM user name starts with; the reader's name follows. */
  public static final String USER_PREFIX = "kafleet-reader-";

  public ReaderAccessPlan {
    bindings = List.copyOf(bindings);
  }

  /** The reader's principal, as ACLs name it. */
  public String principal() {
    return "User:" + user;
  }

  /**
   * The plan for one reader. The group prefix is taken as given: whether it is acceptable (not too
   * broad, clear of {@link #kafleetGroups kafleet's own groups}) is the caller's decision.
   *
   * @throws IllegalArgumentException when the name is not a DNS label or the prefix is empty
   */
  public static ReaderAccessPlan of(String reader, String groupPrefix, Topics topics) {
    String user = userName(reader);
    if (groupPrefix == null || groupPrefix.isEmpty()) {
      throw new IllegalArgumentException("the reader " + reader + " needs a group prefix");
    }
    String principal = "User:" + user;
    List<AclBinding> bindings = new ArrayList<>();
    for (String topic : eventTopics(topics)) {
      bindings.add(
          allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
      bindings.add(
          allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
    }
    bindings.add(
        allow(principal, ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, AclOperation.READ));
    return new ReaderAccessPlan(reader, user, groupPrefix, bindings);
  }

  /** The topics a reader reads: the placement events and the traffic events. */
  public static List<String> eventTopics(Topics topics) {
    return List.of(topics.placementEvents(), topics.trafficEvents());
  }

  /**
   * The SCRAM user, and so the principal, of the reader {@code reader}.
   *
   * @throws IllegalArgumentException when the name is not a DNS label
   */
  public static String userName(String reader) {
    if (!Topics.isValidClusterName(reader)) {
      throw new IllegalArgumentException(
          "reader name '"
              + reader
              + "' is not a DNS label (lower-case letters, digits, '-', 1-63, starting and ending"
              + " with a letter or digit)");
    }
    return USER_PREFIX + reader;
  }

  /** The reader's default group prefix: its name and a dash. */
  public static String defaultGroupPrefix(String reader) {
    return reader + "-";
  }

  /**
   * The consumer groups kafleet's own clients use, which no reader's prefix may cover or fall
   * inside: everything named {@code kafleet…} (the agents' groups carry no topic prefix), and the
   * control-plane services' groups with the topic prefix; and the Confluent schema registry's group
   * of the compose set-up. A {@link PatternType#PREFIXED} pattern stands for every group whose name
   * starts with it.
   */
  public static List<ResourcePattern> kafleetGroups(Topics topics) {
    List<ResourcePattern> groups = new ArrayList<>();
    groups.add(prefixed("kafleet"));
    groups.add(prefixed(ControlPlaneClients.placementGroups(topics)));
    groups.add(
        new ResourcePattern(ResourceType.GROUP, topics.placementLeader(), PatternType.LITERAL));
    groups.add(prefixed(ControlPlaneClients.trafficGroups(topics)));
    groups.add(
        new ResourcePattern(ResourceType.GROUP, topics.trafficLeader(), PatternType.LITERAL));
    groups.add(prefixed(ControlPlaneClients.eventsReaderGroups(topics)));
    groups.add(prefixed("schema-registry"));
    return List.copyOf(groups);
  }

  /**
   * Whether a reader with {@code groupPrefix} could consume in some group of {@code groups}: its
   * prefix starts a group name of it, or (for a prefixed pattern) lies inside it.
   */
  public static boolean covers(String groupPrefix, ResourcePattern groups) {
    return switch (groups.patternType()) {
      case PREFIXED ->
          groups.name().startsWith(groupPrefix) || groupPrefix.startsWith(groups.name());
      default -> groups.name().startsWith(groupPrefix);
    };
  }

  private static ResourcePattern prefixed(String name) {
    return new ResourcePattern(ResourceType.GROUP, name, PatternType.PREFIXED);
  }

  private static AclBinding allow(
      String principal,
      ResourceType type,
      String name,
      PatternType patternType,
      AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, patternType),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
