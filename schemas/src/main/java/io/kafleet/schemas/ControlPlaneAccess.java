package io.kafleet.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What one control-plane service may do on Kafka, as data: its SCRAM user and the exact ACLs of its
 * principal. Whoever sets up the brokers (the dev stack, an operator in production) creates these;
 * the services themselves never grant anything to themselves.
 *
 * <p>Only placement-service has a right on the cluster resource: ALTER, because joining a member
 * cluster creates that cluster's SCRAM credential and ACLs through the Admin API (describing them
 * is implied). That right is as strong as a super user's in effect (a principal that may create
 * ACLs may grant itself anything): placement-service is the fleet's authority, and is to be
 * protected as such. Everything else is a named topic, a topic-name prefix, a group-name prefix or
 * a transactional id.
 *
 * @param service the service, as the README names it
 * @param user the service's SCRAM user name
 * @param bindings the ACLs of its principal, and no others
 */
public record ControlPlaneAccess(String service, String user, List<AclBinding> bindings) {

  /**
   * The store topic of the embedded schema registry (its {@code RegistrySettings.DEFAULT_TOPIC}).
   */
  public static final String DEFAULT_SCHEMA_STORE_TOPIC = "_kafleet-schemas";

  private static final AclOperation[] OWNS = {
    AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE
  };
  private static final AclOperation[] READS = {AclOperation.READ, AclOperation.DESCRIBE};

  public ControlPlaneAccess {
    bindings = List.copyOf(bindings);
  }

  /** The principal, as ACLs name it. */
  public String principal() {
    return "User:" + user;
  }

  /**
   * The three services of the control plane, with kafleet's default schema store topic, and a
   * reader of the fleet events.
   */
  public static List<ControlPlaneAccess> all(Topics topics) {
    return List.of(
        placement(topics),
        traffic(topics),
        registry(DEFAULT_SCHEMA_STORE_TOPIC),
        eventsReader(topics));
  }

  /**
   * placement-service: owns (creates, reads, writes) the templates, policies, clusters, schedules
   * and placement events topics and every execution space; writes the member clusters' query
   * topics; reads the status and query-reply topics, the shift requests and the leader election
   * topic (creating each when missing, as a join creates a member's topics), and the traffic events
   * (the console's event tail reads both event topics); writes the rollout requests a stored
   * Flagger Canary asks for (creating the topic when missing, as traffic-service does); its own
   * consumer groups and transactional id; ALTER on the cluster for a join's credentials and ACLs.
   */
  public static ControlPlaneAccess placement(Topics topics) {
    Grants grants = new Grants("User:kafleet-placement");
    for (String owned :
        List.of(topics.templates(), topics.policies(), topics.clusters(), topics.schedules())) {
      grants.literal(ResourceType.TOPIC, owned, OWNS);
    }
    grants.literal(ResourceType.TOPIC, topics.placementEvents(), OWNS);
    grants.literal(ResourceType.TOPIC, topics.placementLeader(), create(READS));
    grants.literal(ResourceType.TOPIC, topics.trafficShifts(), create(READS));
    grants.literal(ResourceType.TOPIC, topics.trafficEvents(), READS);
    grants.literal(
        ResourceType.TOPIC,
        topics.rolloutRequests(),
        AclOperation.CREATE,
        AclOperation.WRITE,
        AclOperation.DESCRIBE);
    grants.prefixed(ResourceType.TOPIC, topics.executionSpacePrefix(), OWNS);
    grants.prefixed(ResourceType.TOPIC, topics.statusPrefix(), create(READS));
    grants.prefixed(
        ResourceType.TOPIC,
        topics.queryPrefix(),
        AclOperation.CREATE,
        AclOperation.WRITE,
        AclOperation.DESCRIBE);
    grants.prefixed(ResourceType.TOPIC, topics.queryReplyPrefix(), create(READS));
    grants.prefixed(
        ResourceType.GROUP, ControlPlaneClients.placementGroups(topics), AclOperation.READ);
    grants.literal(ResourceType.GROUP, topics.placementLeader(), AclOperation.READ);
    grants.literal(
        ResourceType.TRANSACTIONAL_ID,
        ControlPlaneClients.placementTransactionalId(topics),
        AclOperation.WRITE,
        AclOperation.DESCRIBE);
    grants.literal(ResourceType.CLUSTER, "kafka-cluster", AclOperation.ALTER);
    return new ControlPlaneAccess("placement-service", "kafleet-placement", grants.bindings);
  }

  /**
   * traffic-service: owns the shift, traffic event and rollout request topics; reads the templates,
   * every execution space and every status topic, in groups of its own; reads (creating it when
   * missing) the leader election topic, in its group; its transactional id. It never writes an
   * execution space.
   */
  public static ControlPlaneAccess traffic(Topics topics) {
    Grants grants = new Grants("User:kafleet-traffic");
    for (String owned :
        List.of(topics.trafficShifts(), topics.trafficEvents(), topics.rolloutRequests())) {
      grants.literal(ResourceType.TOPIC, owned, OWNS);
    }
    grants.literal(ResourceType.TOPIC, topics.templates(), READS);
    grants.prefixed(ResourceType.TOPIC, topics.executionSpacePrefix(), READS);
    grants.prefixed(ResourceType.TOPIC, topics.statusPrefix(), READS);
    grants.literal(ResourceType.TOPIC, topics.trafficLeader(), create(READS));
    grants.prefixed(
        ResourceType.GROUP, ControlPlaneClients.trafficGroups(topics), AclOperation.READ);
    grants.literal(ResourceType.GROUP, topics.trafficLeader(), AclOperation.READ);
    grants.literal(
        ResourceType.TRANSACTIONAL_ID,
        ControlPlaneClients.trafficTransactionalId(topics),
        AclOperation.WRITE,
        AclOperation.DESCRIBE);
    return new ControlPlaneAccess("traffic-service", "kafleet-traffic", grants.bindings);
  }

  /**
   * The embedded schema registry: its store topic only (it checks the topic's cleanup policy, hence
   * DESCRIBE_CONFIGS); it reads without a consumer group.
   */
  public static ControlPlaneAccess registry(String storeTopic) {
    Grants grants = new Grants("User:kafleet-registry");
    grants.literal(ResourceType.TOPIC, storeTopic, OWNS);
    grants.literal(ResourceType.TOPIC, storeTopic, AclOperation.DESCRIBE_CONFIGS);
    return new ControlPlaneAccess("schema registry", "kafleet-registry", grants.bindings);
  }

  /**
   * Whoever follows the fleet's events ({@code kafleet events}, Kafka tools): reads the placement
   * and traffic event topics, without a consumer group ({@code kafleet events}) or in groups of its
   * own prefix (kcat {@code -G}, kafkajs, Kafka Connect).
   */
  public static ControlPlaneAccess eventsReader(Topics topics) {
    Grants grants = new Grants("User:kafleet-events");
    grants.literal(ResourceType.TOPIC, topics.placementEvents(), READS);
    grants.literal(ResourceType.TOPIC, topics.trafficEvents(), READS);
    grants.prefixed(
        ResourceType.GROUP, ControlPlaneClients.eventsReaderGroups(topics), AclOperation.READ);
    return new ControlPlaneAccess("event readers", "kafleet-events", grants.bindings);
  }

  /**
   * One line per resource, as Markdown table rows: principal, resource type, pattern, name,
   * operations.
   */
  public static String markdownTable(List<ControlPlaneAccess> services) {
    StringBuilder table =
        new StringBuilder(
            "| principal | resource | pattern | name | operations |\n|---|---|---|---|---|\n");
    for (ControlPlaneAccess service : services) {
      List<ResourcePattern> seen = new ArrayList<>();
      for (AclBinding binding : service.bindings()) {
        if (seen.contains(binding.pattern())) {
          continue;
        }
        seen.add(binding.pattern());
        List<String> operations =
            service.bindings().stream()
                .filter(other -> other.pattern().equals(binding.pattern()))
                .map(other -> other.entry().operation().name())
                .toList();
        table
            .append("| `")
            .append(service.principal())
            .append("` | ")
            .append(binding.pattern().resourceType().name().toLowerCase(Locale.ROOT))
            .append(" | ")
            .append(binding.pattern().patternType().name().toLowerCase(Locale.ROOT))
            .append(" | `")
            .append(binding.pattern().name())
            .append("` | ")
            .append(String.join(", ", operations))
            .append(" |\n");
      }
    }
    return table.toString();
  }

  private static AclOperation[] create(AclOperation... operations) {
    AclOperation[] withCreate = new AclOperation[operations.length + 1];
    withCreate[0] = AclOperation.CREATE;
    System.arraycopy(operations, 0, withCreate, 1, operations.length);
    return withCreate;
  }

  /** ALLOW entries for one principal, from any host. */
  private static final class Grants {
    private final String principal;
    private final List<AclBinding> bindings = new ArrayList<>();

    Grants(String principal) {
      this.principal = principal;
    }

    void literal(ResourceType type, String name, AclOperation... operations) {
      add(new ResourcePattern(type, name, PatternType.LITERAL), operations);
    }

    void prefixed(ResourceType type, String prefix, AclOperation... operations) {
      add(new ResourcePattern(type, prefix, PatternType.PREFIXED), operations);
    }

    private void add(ResourcePattern pattern, AclOperation... operations) {
      for (AclOperation operation : operations) {
        bindings.add(
            new AclBinding(
                pattern,
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
      }
    }
  }
}
