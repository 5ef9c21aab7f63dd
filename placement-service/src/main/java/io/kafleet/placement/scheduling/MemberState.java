package io.kafleet.placement.scheduling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduler needs to know of a member cluster.
 *
 * @param provider the cloud provider, as Karmada's Cluster {@code spec.provider}; null if unknown
 * @param region null if unknown
 * @param zone null if unknown
 * @param capacity empty when the cluster reported none
 */
public record MemberState(
    String name,
    Map<String, String> labels,
    boolean accepted,
    boolean ready,
    String provider,
    String region,
    String zone,
    List<Taint> taints,
    Optional<Capacity> capacity) {

  public MemberState {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
  }

  /** A cluster with labels only: no location, taints or capacity known. */
  public MemberState(String name, Map<String, String> labels, boolean accepted, boolean ready) {
    this(name, labels, accepted, ready, null, null, null, List.of(), Optional.empty());
  }

  /** The fields a {@code fieldSelector} selects on; unknown ones are absent, as in Karmada. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    putIfKnown(fields, "provider", provider);
    putIfKnown(fields, "region", region);
    putIfKnown(fields, "zone", zone);
    return fields;
  }

  private static void putIfKnown(Map<String, String> fields, String key, String value) {
    if (value != null && !value.isEmpty()) {
      fields.put(key, value);
    }
  }
}
