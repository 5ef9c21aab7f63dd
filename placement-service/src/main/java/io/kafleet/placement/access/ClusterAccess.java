package io.kafleet.placement.access;

import io.kafleet.schemas.ClusterAccessPlan;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * Grants, rotates and revokes a member cluster's access to Kafka through the Admin API, following
 * its {@link ClusterAccessPlan}. It needs an admin principal (ALTER on the cluster, CREATE for the
 * topics).
 *
 * <p>What Kafka does to connections that are open: ACLs are checked at every request, so a revoke
 * takes the agent's rights away at once. Credentials are checked only when a connection
 * authenticates: after a rotate (or a revoke), a connection opened with the old password keeps
 * working until it reconnects, or, when the brokers set {@code connections.max.reauth.ms} (0, off,
 * by default), until its next re-authentication, which the old password fails.
 */
public final class ClusterAccess {

  private final Map<String, Object> adminConfig;
  private final Topics topics;
  private final Optional<Short> replicationFactor;

  /**
   * @param adminConfig an admin client's configuration, with the admin principal's credentials
   * @param replicationFactor of the topics created; empty takes the brokers' default
   */
  public ClusterAccess(
      Map<String, Object> adminConfig, Topics topics, Optional<Short> replicationFactor) {
    this.adminConfig = Map.copyOf(adminConfig);
    this.topics = topics;
    this.replicationFactor = replicationFactor;
  }

  /** What a join of {@code cluster} grants; throws for a name that is not a DNS label. */
  public ClusterAccessPlan plan(String cluster) {
    return ClusterAccessPlan.of(
        cluster, topics, ClusterAccessPlan.agentConsumerGroups(cluster), replicationFactor);
  }

  /**
   * Creates the cluster's topics (those missing), its agent's credential with a new random
   * password, and its ACLs.
   *
   * @throws IllegalArgumentException for a cluster name that is not a DNS label; nothing is created
   * @throws IllegalStateException when the cluster's agent has a credential already (it joined
   *     before: rotate it, or revoke it first); nothing is changed
   */
  public AgentCredentials join(String cluster) {
    ClusterAccessPlan plan = plan(cluster);
    try (Admin admin = Admin.create(adminConfig)) {
      if (KafkaAdminCalls.hasCredential(admin, plan.user())) {
        throw new IllegalStateException(
            "cluster "
                + cluster
                + " has joined already: its agent user "
                + plan.user()
                + " exists");
      }
      KafkaTopics.createMissing(adminConfig, plan.topics());
      AgentCredentials credentials = setPassword(admin, plan);
      KafkaAdminCalls.await(
          admin.createAcls(plan.bindings()).all(), "creating the ACLs of " + plan.principal());
      return credentials;
    }
  }

  /**
   * Gives the cluster's agent a new random password; the old one fails from the next authentication
   * on (see the class comment for open connections).
   *
   * @throws IllegalStateException when the cluster has not joined; nothing is created
   */
  public AgentCredentials rotate(String cluster) {
    ClusterAccessPlan plan = plan(cluster);
    try (Admin admin = Admin.create(adminConfig)) {
      if (!KafkaAdminCalls.hasCredential(admin, plan.user())) {
        throw new IllegalStateException(
            "cluster "
                + cluster
                + " has not joined: its agent user "
                + plan.user()
                + " is unknown");
      }
      return setPassword(admin, plan);
    }
  }

  /** Whether the cluster's agent has a credential, i.e. the cluster has joined. */
  public boolean hasCredential(String cluster) {
    ClusterAccessPlan plan = plan(cluster);
    try (Admin admin = Admin.create(adminConfig)) {
      return KafkaAdminCalls.hasCredential(admin, plan.user());
    }
  }

  /**
   * Deletes the agent's credential and every ACL of its principal; the cluster's topics stay.
   *
   * @throws IllegalStateException when the agent has neither a credential nor an ACL
   */
  public void revoke(String cluster) {
    if (!revokeAny(cluster)) {
      throw new IllegalStateException(
          "cluster "
              + cluster
              + " has not joined: "
              + plan(cluster).principal()
              + " has no access");
    }
  }

  /**
   * Deletes whatever the agent has of a credential and ACLs.
   *
   * @return whether it had any
   */
  public boolean revokeAny(String cluster) {
    ClusterAccessPlan plan = plan(cluster);
    try (Admin admin = Admin.create(adminConfig)) {
      boolean hadCredential = KafkaAdminCalls.hasCredential(admin, plan.user());
      if (hadCredential) {
        KafkaAdminCalls.await(
            admin
                .alterUserScramCredentials(
                    List.of(
                        new UserScramCredentialDeletion(plan.user(), ScramMechanism.SCRAM_SHA_512)))
                .all(),
            "deleting the credential of " + plan.user());
      }
      var deleted =
          KafkaAdminCalls.await(
              admin
                  .deleteAcls(
                      List.of(
                          new AclBindingFilter(
                              ResourcePatternFilter.ANY,
                              new AccessControlEntryFilter(
                                  plan.principal(),
                                  null,
                                  AclOperation.ANY,
                                  AclPermissionType.ANY))))
                  .all(),
              "deleting the ACLs of " + plan.principal());
      return hadCredential || !deleted.isEmpty();
    }
  }

  private AgentCredentials setPassword(Admin admin, ClusterAccessPlan plan) {
    String password = KafkaAdminCalls.newPassword();
    KafkaAdminCalls.await(
        admin
            .alterUserScramCredentials(
                List.of(
                    new UserScramCredentialUpsertion(plan.user(), KafkaAdminCalls.SCRAM, password)))
            .all(),
        "setting the credential of " + plan.user());
    return new AgentCredentials(plan.cluster(), plan.user(), password);
  }
}
