package io.kafleet.agent.apply;

import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which objects this agent agrees to manage, whatever the control plane sends: kinds as {@code
 * group/Kind} ({@code core} for the core group) and namespaces. An empty allow list allows all; a
 * deny list wins over an allow list.
 */
public record GuardRails(
    Set<String> allowedKinds,
    Set<String> deniedKinds,
    Set<String> allowedNamespaces,
    Set<String> deniedNamespaces) {

  /** Cluster-admin style RBAC: kafleet must not be a way to grant cluster-wide rights. */
  public static final List<String> DEFAULT_DENIED_KINDS =
      List.of(
          "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding");

  public GuardRails {
    allowedKinds = Set.copyOf(allowedKinds);
    deniedKinds = Set.copyOf(deniedKinds);
    allowedNamespaces = Set.copyOf(allowedNamespaces);
    deniedNamespaces = Set.copyOf(deniedNamespaces);
  }

  public static GuardRails defaults() {
    return new GuardRails(Set.of(), Set.copyOf(DEFAULT_DENIED_KINDS), Set.of(), Set.of());
  }

  /** Why the object is refused, or empty when it may be applied. */
  public Optional<String> refusal(ObjectKey key) {
    String kind = key.group() + "/" + key.kind();
    if (deniedKinds.contains(kind)) {
      return Optional.of("kind " + kind + " is denied by this agent's guard rails");
    }
    if (!allowedKinds.isEmpty() && !allowedKinds.contains(kind)) {
      return Optional.of("kind " + kind + " is not among the kinds this agent allows");
    }
    String namespace = namespaceOf(key);
    if (namespace == null) {
      return Optional.empty();
    }
    if (deniedNamespaces.contains(namespace)) {
      return Optional.of("namespace " + namespace + " is denied by this agent's guard rails");
    }
    if (!allowedNamespaces.isEmpty() && !allowedNamespaces.contains(namespace)) {
      return Optional.of(
          "namespace " + namespace + " is not among the namespaces this agent allows");
    }
    return Optional.empty();
  }

  // A Namespace object is its namespace: denying a namespace also denies creating it.
  private static String namespaceOf(ObjectKey key) {
    if (key.group().equals(ObjectKey.CORE_GROUP) && key.kind().equals("Namespace")) {
      return key.name();
    }
    return key.clusterScoped() ? null : key.namespace();
  }
}
