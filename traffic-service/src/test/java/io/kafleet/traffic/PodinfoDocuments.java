package io.kafleet.traffic;

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
}
