package io.kafleet.placement.access;

import io.kafleet.schemas.ReaderAccessPlan;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Grants and revokes the access of event readers ({@link ReaderAccessPlan}) through the Admin API,
 * with placement-service's admin principal (ALTER on the cluster), as {@link ClusterAccess} does
 * for agents. A reader is kept nowhere but in Kafka: its SCRAM credential and its ACLs.
 */
public final class ReaderAccess {

  private static final AclBindingFilter PREFIXED_GROUPS =
      new AclBindingFilter(
          new ResourcePatternFilter(ResourceType.GROUP, null, PatternType.PREFIXED),
          AccessControlEntryFilter.ANY);

  private final Map<String, Object> adminConfig;

  /**
   * @param adminConfig an admin client's configuration, with the admin principal's credentials
   */
  public ReaderAccess(Map<String, Object> adminConfig) {
    this.adminConfig = Map.copyOf(adminConfig);
  }

  /** The readers that have ACLs, with their group prefixes. */
  public ExistingReaders existing() {
    try (Admin admin = Admin.create(adminConfig)) {
      return ExistingReaders.fromAcls(
          KafkaAdminCalls.await(
              admin.describeAcls(PREFIXED_GROUPS).values(), "listing the readers' ACLs"));
    }
  }

  /** Whether the reader's user has a SCRAM credential. */
  public boolean hasCredential(String reader) {
    try (Admin admin = Admin.create(adminConfig)) {
      return KafkaAdminCalls.hasCredential(admin, ReaderAccessPlan.userName(reader));
    }
  }

  /**
   * Creates the reader's credential with a new random password, then its ACLs; the caller has
   * checked that neither exists.
   *
   * @return the password
   */
  public String grant(ReaderAccessPlan plan) {
    String password = KafkaAdminCalls.newPassword();
    try (Admin admin = Admin.create(adminConfig)) {
      KafkaAdminCalls.await(
          admin
              .alterUserScramCredentials(
                  List.of(
                      new UserScramCredentialUpsertion(
                          plan.user(), KafkaAdminCalls.SCRAM, password)))
              .all(),
          "setting the credential of " + plan.user());
      KafkaAdminCalls.await(
          admin.createAcls(plan.bindings()).all(), "creating the ACLs of " + plan.principal());
    }
    return password;
  }

  /**
   * Deletes whatever the reader has of a credential and ACLs (every ACL of its principal).
   *
   * @return whether it had any
   */
  public boolean revokeAny(String reader) {
    String user = ReaderAccessPlan.userName(reader);
    String principal = "User:" + user;
    try (Admin admin = Admin.create(adminConfig)) {
      boolean hadCredential = KafkaAdminCalls.hasCredential(admin, user);
      if (hadCredential) {
        KafkaAdminCalls.await(
            admin
                .alterUserScramCredentials(
                    List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512)))
                .all(),
            "deleting the credential of " + user);
      }
      var deleted =
          KafkaAdminCalls.await(
              admin
                  .deleteAcls(
                      List.of(
                          new AclBindingFilter(
                              ResourcePatternFilter.ANY,
                              new AccessControlEntryFilter(
                                  principal, null, AclOperation.ANY, AclPermissionType.ANY))))
                  .all(),
              "deleting the ACLs of " + principal);
      return hadCredential || !deleted.isEmpty();
    }
  }
}
