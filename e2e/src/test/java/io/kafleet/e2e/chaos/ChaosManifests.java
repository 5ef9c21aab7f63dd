package io.kafleet.e2e.chaos;

import java.util.List;

/** The YAML the scenarios apply: a policy sending a namespace's ConfigMaps to both members. */
final class ChaosManifests {

  private ChaosManifests() {}

  static String policy(String namespace) {
    return """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: chaos, namespace: %s}
        spec:
          resourceSelectors:
          - {apiVersion: v1, kind: ConfigMap}
          placement:
            clusterAffinity:
              clusterNames: [%s]
        """
        .formatted(namespace, String.join(", ", ChaosFleet.MEMBERS));
  }

  static String configMap(String namespace, String name, String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s, namespace: %s, labels: {app: chaos}}
        data: {value: "%s"}
        """
        .formatted(name, namespace, value);
  }

  /** Several documents as one multi-document YAML, as {@code kubectl apply -f} takes them. */
  static String documents(List<String> documents) {
    return String.join("---\n", documents);
  }

  static String objectKey(String namespace, String name) {
    return "core/ConfigMap/" + namespace + "/" + name;
  }
}
