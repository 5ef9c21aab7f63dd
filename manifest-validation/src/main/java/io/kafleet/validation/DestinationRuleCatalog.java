package io.kafleet.validation;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The DestinationRules a fleet holds, looked up by the host they are for; used to check that the
 * subsets a route names exist. Plain data.
 */
public final class DestinationRuleCatalog {

  /** Namespaced objects without a namespace are in this one, as with kubectl. */
  public static final String DEFAULT_NAMESPACE = "default";

  private final List<Entry> entries;

  private record Entry(String namespace, String name, String qualifiedHost, Set<String> subsets) {}

  private DestinationRuleCatalog(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The catalog of the given objects' DestinationRules; objects of other kinds are ignored. A
   * DestinationRule given twice (same namespace and name) counts once, the later one.
   */
  public static DestinationRuleCatalog of(List<JsonNode> objects) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (JsonNode object : objects) {
      if (!isDestinationRule(object)) {
        continue;
      }
      String namespace = namespaceOf(object);
      String name = object.path("metadata").path("name").asString("");
      String host = object.path("spec").path("host").asString("");
      Set<String> subsets = new HashSet<>();
      for (JsonNode subset : object.path("spec").path("subsets")) {
        String subsetName = subset.path("name").asString(null);
        if (subsetName != null) {
          subsets.add(subsetName);
        }
      }
      byName.put(
          namespace + "/" + name,
          new Entry(namespace, name, Hosts.qualify(host, namespace), Set.copyOf(subsets)));
    }
    return new DestinationRuleCatalog(List.copyOf(byName.values()));
  }

  public static boolean isDestinationRule(JsonNode object) {
    return object
            .path("apiVersion")
            .asString("")
            .startsWith(VirtualServiceValidation.ISTIO_GROUP + "/")
        && object.path("kind").asString("").equals("DestinationRule");
  }

  /** The object's namespace, {@value #DEFAULT_NAMESPACE} when it names none. */
  public static String namespaceOf(JsonNode object) {
    String namespace = object.path("metadata").path("namespace").asString("");
    return namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }

  /**
   * The subsets of the DestinationRule for the host; one in the Service's own namespace is
   * preferred, as Istio does. Empty when the fleet holds none for the host.
   */
  public Optional<KnownSubsets> forHost(String qualifiedHost) {
    String[] service = Hosts.service(qualifiedHost);
    String serviceNamespace = service == null ? null : service[0];
    return entries.stream()
        .filter(entry -> entry.qualifiedHost().equals(qualifiedHost))
        .min(
            Comparator.comparing((Entry entry) -> !entry.namespace().equals(serviceNamespace))
                .thenComparing(Entry::namespace)
                .thenComparing(Entry::name))
        .map(entry -> new KnownSubsets(entry.namespace() + "/" + entry.name(), entry.subsets()));
  }
}
