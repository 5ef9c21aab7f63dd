package io.kafleet.devstack;

import java.util.Optional;

/**
 * A Kubernetes resource path, parsed: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]} or {@code
 * /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUB]]} (without the query).
 *
 * @param group the API group ("" for the core group)
 * @param namespace null for cluster-scoped objects and for lists across namespaces
 * @param name null for a collection
 * @param subresource null unless the path names one (e.g. status)
 */
record ResourcePath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  /** The path's resource, or empty when it names none (discovery, /version, malformed). */
  static Optional<ResourcePath> parse(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
    int at;
    String group;
    if (parts.length >= 3 && parts[0].equals("api")) {
      group = "";
      at = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      group = parts[1];
      at = 3;
    } else {
      return Optional.empty();
    }
    String version = parts[at - 1];
    int rest = parts.length - at;
    if (parts[at].equals("namespaces") && rest >= 3 && rest <= 5) {
      return Optional.of(
          new ResourcePath(
              group,
              version,
              parts[at + 1],
              parts[at + 2],
              rest >= 4 ? parts[at + 3] : null,
              rest == 5 ? parts[at + 4] : null));
    }
    if (rest <= 3) {
      return Optional.of(
          new ResourcePath(
              group,
              version,
              null,
              parts[at],
              rest >= 2 ? parts[at + 1] : null,
              rest == 3 ? parts[at + 2] : null));
    }
    return Optional.empty();
  }

  /** Where objects of this kind are stored, whichever version they were written with. */
  String collection() {
    return group + "/" + plural;
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The object's key within its collection. */
  static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }
}
