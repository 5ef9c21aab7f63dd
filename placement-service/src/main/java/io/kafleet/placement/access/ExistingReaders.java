package io.kafleet.placement.access;

import io.kafleet.schemas.ReaderAccessPlan;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The readers Kafka knows, as their ACLs say (the ACLs are where a reader is kept): each reader's
 * group prefix. A new reader may neither take a name in use nor a prefix that overlaps another's,
 * or either could consume in the other's groups (and commit its offsets).
 *
 * @param groupPrefixes by reader name
 */
public record ExistingReaders(Map<String, String> groupPrefixes) {

  private static final String PRINCIPAL_PREFIX = "User:" + ReaderAccessPlan.USER_PREFIX;

  public ExistingReaders {
    groupPrefixes = Map.copyOf(groupPrefixes);
  }

  /** From any ACLs: those that grant a reader's principal a prefixed group. */
  public static ExistingReaders fromAcls(Collection<AclBinding> bindings) {
    Map<String, String> prefixes = new TreeMap<>();
    for (AclBinding binding : bindings) {
      String principal = binding.entry().principal();
      if (principal.startsWith(PRINCIPAL_PREFIX)
          && binding.pattern().resourceType() == ResourceType.GROUP
          && binding.pattern().patternType() == PatternType.PREFIXED) {
        prefixes.put(principal.substring(PRINCIPAL_PREFIX.length()), binding.pattern().name());
      }
    }
    return new ExistingReaders(prefixes);
  }

  /**
   * Why the reader may not be created, if it may not.
   *
   * @param hasCredential whether the reader's user has a SCRAM credential (a reader exists when it
   *     has a credential or ACLs)
   */
  public Optional<String> conflict(ReaderRequest.Checked request, boolean hasCredential) {
    ReaderAccessPlan plan = request.plan();
    if (hasCredential || groupPrefixes.containsKey(request.reader())) {
      return Optional.of(
          "reader "
              + request.reader()
              + " exists already: its Kafka user "
              + plan.user()
              + " has access (revoke it first: kafleet access revoke "
              + request.reader()
              + ")");
    }
    String prefix = plan.groupPrefix();
    return groupPrefixes.entrySet().stream()
        .filter(other -> other.getValue().startsWith(prefix) || prefix.startsWith(other.getValue()))
        .findFirst()
        .map(
            other ->
                "groupPrefix: '"
                    + prefix
                    + "' overlaps reader "
                    + other.getKey()
                    + "'s '"
                    + other.getValue()
                    + "': either could consume in the other's groups; choose another prefix");
  }
}
