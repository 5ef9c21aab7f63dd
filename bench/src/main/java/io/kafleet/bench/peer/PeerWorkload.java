package io.kafleet.bench.peer;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The manifests both systems get, as text: Karmada's own PropagationPolicy (kafleet accepts it
 * unchanged) and small ConfigMaps it selects by label.
 */
final class PeerWorkload {

  private PeerWorkload() {}

  /** Places every ConfigMap labelled bench=peer in every member. */
  static String policy(List<String> members) {
    return """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: peer-bench
          namespace: default
        spec:
          resourceSelectors:
            - apiVersion: v1
              kind: ConfigMap
              labelSelector:
                matchLabels:
                  bench: peer
          placement:
            clusterAffinity:
              clusterNames: [%s]
        """
        .formatted(String.join(", ", members));
  }

  static String configMap(String name) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          namespace: default
          labels:
            bench: peer
        data:
          value: "%s"
        """
        .formatted(name, name);
  }

  static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  static List<String> configMaps(List<String> names) {
    return names.stream().map(PeerWorkload::configMap).toList();
  }
}
