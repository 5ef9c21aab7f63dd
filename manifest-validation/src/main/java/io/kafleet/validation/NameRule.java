package io.kafleet.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which syntax a kind's {@code metadata.name} must follow, as kube-apiserver checks it: most kinds
 * (custom resources too) take a DNS-1123 subdomain; a Namespace a DNS-1123 label, because it
 * becomes part of DNS names; a Service a DNS-1035 label, because its name is a DNS label that must
 * not look like a number; RBAC objects and PersistentVolumes any URL path segment (e.g. {@code
 * system:controller:x}); a CronJob a subdomain of at most 52 characters, leaving room for the
 * suffix of the Jobs it creates.
 */
public enum NameRule {
  DNS1123_SUBDOMAIN("a lowercase RFC 1123 subdomain", KubernetesNames::dns1123Subdomain),
  DNS1123_LABEL("a lowercase RFC 1123 label", KubernetesNames::dns1123Label),
  DNS1035_LABEL("a DNS-1035 label", KubernetesNames::dns1035Label),
  PATH_SEGMENT("a path segment name", KubernetesNames::pathSegmentName),
  CRONJOB_NAME("a lowercase RFC 1123 subdomain of at most 52 characters", NameRule::cronJobName);

  static final int CRONJOB_NAME_MAX_LENGTH = 52;

  private static final String RBAC = "rbac.authorization.k8s.io";

  private static final Map<String, NameRule> BY_KIND =
      Map.of(
          "core/Namespace",
          DNS1123_LABEL,
          "core/Service",
          DNS1035_LABEL,
          "core/PersistentVolume",
          PATH_SEGMENT,
          RBAC + "/Role",
          PATH_SEGMENT,
          RBAC + "/ClusterRole",
          PATH_SEGMENT,
          RBAC + "/RoleBinding",
          PATH_SEGMENT,
          RBAC + "/ClusterRoleBinding",
          PATH_SEGMENT,
          "batch/CronJob",
          CRONJOB_NAME);

  private final String description;
  private final Function<String, List<String>> check;

  NameRule(String description, Function<String, List<String>> check) {
    this.description = description;
    this.check = check;
  }

  /**
   * The rule for a kind.
   *
   * @param group the API group, {@code core} for the core group
   */
  public static NameRule forKind(String group, String kind) {
    return BY_KIND.getOrDefault(group + "/" + kind, DNS1123_SUBDOMAIN);
  }

  /** What the rule asks for, e.g. "a lowercase RFC 1123 label". */
  public String description() {
    return description;
  }

  /** What is wrong with the name; nothing when it follows the rule. */
  public List<String> check(String name) {
    return check.apply(name);
  }

  private static List<String> cronJobName(String name) {
    List<String> errors = new ArrayList<>(KubernetesNames.dns1123Subdomain(name));
    if (name.length() > CRONJOB_NAME_MAX_LENGTH) {
      errors.add("must be no more than " + CRONJOB_NAME_MAX_LENGTH + " characters");
    }
    return errors;
  }
}
