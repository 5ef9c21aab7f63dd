package io.kafleet.bench;

import java.util.List;

/** The YAML the benchmark applies: generated ConfigMaps and policies, and podinfo-shaped routes. */
final class Manifests {

  private Manifests() {}

  /** A PropagationPolicy sending every ConfigMap of the namespace to exactly these clusters. */
  static String policy(String namespace, List<String> clusters) {
    return """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: bench, namespace: %s}
        spec:
          resourceSelectors:
          - {apiVersion: v1, kind: ConfigMap}
          placement:
            clusterAffinity:
              clusterNames: [%s]
        """
        .formatted(namespace, String.join(", ", clusters));
  }

  static String configMap(String namespace, String name, int index) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s, namespace: %s, labels: {app: bench}}
        data: {index: "%d", color: blue, payload: "%s"}
        """
        .formatted(name, namespace, index, "x".repeat(200));
  }

  static String objectKey(String namespace, String name) {
    return "core/ConfigMap/" + namespace + "/" + name;
  }

  /**
   * The podinfo scenario's shape under a generated name: a Service, a DestinationRule with blue and
   * green subsets, a Gateway, and a VirtualService routing everything to blue.
   */
  static String routes(String namespace, String name) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: %1$s, namespace: %2$s, labels: {app: %1$s}}
        spec:
          selector: {app: %1$s}
          ports: [{protocol: TCP, port: 80, targetPort: 8080}]
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata: {name: %1$s, namespace: %2$s}
        spec:
          host: %1$s
          subsets:
          - {name: blue, labels: {version: blue}}
          - {name: green, labels: {version: green}}
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: Gateway
        metadata: {name: %1$s-gateway, namespace: %2$s}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata: {name: %1$s, namespace: %2$s}
        spec:
          hosts: ["*"]
          gateways: [%1$s-gateway]
          http:
          - match:
            - uri: {prefix: /}
            route:
            - destination: {host: %1$s, subset: blue, port: {number: 80}}
        """
        .formatted(name, namespace);
  }

  static String virtualServiceKey(String namespace, String name) {
    return "networking.istio.io/VirtualService/" + namespace + "/" + name;
  }

  static String shift(String namespace, String name, int green, List<String> clusters) {
    return """
        {"virtualService": {"namespace": "%s", "name": "%s"},
         "weights": {"green": %d, "blue": %d},
         "clusters": [%s],
         "requestedBy": "bench"}
        """
        .formatted(
            namespace,
            name,
            green,
            100 - green,
            String.join(",", clusters.stream().map(c -> "\"" + c + "\"").toList()));
  }
}
