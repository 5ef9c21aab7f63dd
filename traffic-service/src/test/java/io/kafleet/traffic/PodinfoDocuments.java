package io.kafleet.traffic;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RolloutProgress;
import java.util.List;
import java.util.stream.Collectors;

/** The podinfo-blue-green scenario's Istio objects and Service, as JSON documents. */
public final class PodinfoDocuments {

  public static final String BLUE =
      """
      {"apiVersion":"networking.istio.io/v1alpha3","kind":"VirtualService",
       "metadata":{"name":"podinfo"},
       "spec":{"hosts":["*"],"gateways":["podinfo-gateway"],
        "http":[{"match":[{"uri":{"prefix":"/"}}],
         "route":[{"destination":{"host":"podinfo","subset":"blue","port":{"number":80}}}]}]}}
      """;
  public static final String GREEN_80 =
      """
      {"apiVersion":"networking.istio.io/v1alpha3","kind":"VirtualService",
       "metadata":{"name":"podinfo"},
       "spec":{"hosts":["*"],"gateways":["podinfo-gateway"],
        "http":[{"match":[{"uri":{"prefix":"/"}}],
         "route":[{"destination":{"host":"podinfo","subset":"green","port":{"number":80}},"weight":80},
                  {"destination":{"host":"podinfo","subset":"blue","port":{"number":80}},"weight":20}]}]}}
      """;
  public static final String RULE =
      """
      {"apiVersion":"networking.istio.io/v1alpha3","kind":"DestinationRule",
       "metadata":{"name":"podinfo"},
       "spec":{"host":"podinfo","subsets":[{"name":"blue","labels":{"version":"blue"}},
                                          {"name":"green","labels":{"version":"green"}}]}}
      """;
  public static final String SERVICE =
      """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"podinfo"},
       "spec":{"selector":{"app":"podinfo"},"ports":[{"port":80,"targetPort":8080}]}}
      """;

  private PodinfoDocuments() {}

  /** The podinfo VirtualService routing to these weights, as placement-service renders a shift. */
  public static String virtualService(List<DestinationWeight> destinations) {
    String route =
        destinations.stream()
            .map(
                d ->
                    "{\"destination\":{\"host\":\"podinfo\",\"subset\":\""
                        + d.getSubset()
                        + "\",\"port\":{\"number\":80}},\"weight\":"
                        + d.getWeight()
                        + "}")
            .collect(Collectors.joining(","));
    return "{\"apiVersion\":\"networking.istio.io/v1alpha3\",\"kind\":\"VirtualService\","
        + "\"metadata\":{\"name\":\"podinfo\"},\"spec\":{\"hosts\":[\"*\"],"
        + "\"gateways\":[\"podinfo-gateway\"],\"http\":[{\"match\":[{\"uri\":{\"prefix\":\"/\"}}],"
        + "\"route\":["
        + route
        + "]}]}}";
  }

  /** Weights as the tests compare them: {@code green=80,blue=20}. */
  public static String weights(List<DestinationWeight> destinations) {
    return destinations.stream()
        .map(d -> d.getSubset() + "=" + d.getWeight())
        .collect(Collectors.joining(","));
  }

  /** A rollout's progress as the tests compare it: its phase, and step/wave and canary weight. */
  public static String describe(RolloutProgress progress) {
    return progress.getPhase()
        + (progress.getStepIndex() == null || progress.getWave() == null
            ? ""
            : " "
                + progress.getStepIndex()
                + "/"
                + progress.getWave()
                + " "
                + progress.getCanaryWeight());
  }
}
