package io.kafleet.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficForwardingTest {

  private static final URI TRAFFIC = URI.create("https://traffic-service:8081");

  @Test
  void thePathLosesItsPrefixAndKeepsItsEncodingAndQuery() {
    assertThat(
            TrafficForwarding.upstream(
                TRAFFIC, "/traffic/api/v1/virtualservices/default/podinfo", null))
        .isEqualTo(
            URI.create("https://traffic-service:8081/api/v1/virtualservices/default/podinfo"));
    assertThat(
            TrafficForwarding.upstream(
                TRAFFIC, "/traffic/api/v1/rollouts", "virtualService=default%2Fpodinfo&x=a+b"))
        .isEqualTo(
            URI.create(
                "https://traffic-service:8081/api/v1/rollouts?virtualService=default%2Fpodinfo&x=a+b"));
    assertThat(TrafficForwarding.upstream(TRAFFIC, "/traffic/api/v1/shifts/a%20b", ""))
        .isEqualTo(URI.create("https://traffic-service:8081/api/v1/shifts/a%20b"));
  }

  @Test
  void aBaseWithAPathOrATrailingSlashKeepsIt() {
    assertThat(
            TrafficForwarding.upstream(
                URI.create("http://gateway/traffic-service/"), "/traffic/api/v1/shifts/s1", null))
        .isEqualTo(URI.create("http://gateway/traffic-service/api/v1/shifts/s1"));
  }

  @Test
  void aPathOutsideTheApiOrWithDotSegmentsIsRefused() {
    assertThatThrownBy(() -> TrafficForwarding.upstream(TRAFFIC, "/traffic/actuator/env", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only /traffic/api/v1/** is forwarded");
    for (String path :
        List.of(
            "/traffic/api/v1/../../actuator/env",
            "/traffic/api/v1/%2e%2e/%2E%2E/actuator/env",
            "/traffic/api/v1/./shifts")) {
      assertThatThrownBy(() -> TrafficForwarding.upstream(TRAFFIC, path, null))
          .as(path)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'.' or '..' segments");
    }
  }

  @Test
  void onlyTheNamedRequestHeadersCrossWhateverTheirCase() {
    Map<String, List<String>> received =
        Map.of(
            "content-type", List.of("application/json"),
            "ACCEPT", List.of("text/event-stream"),
            "Authorization", List.of("Bearer t0ken"),
            "Last-Event-ID", List.of("kafleet.traffic.events:0:41"),
            "Connection", List.of("keep-alive"),
            "Transfer-Encoding", List.of("chunked"),
            "Cookie", List.of("session=1"),
            "Host", List.of("placement:8080"));

    assertThat(TrafficForwarding.requestHeaders(TrafficForwarding.caseInsensitive(received)))
        .containsExactly(
            Map.entry("Content-Type", "application/json"),
            Map.entry("Accept", "text/event-stream"),
            Map.entry("Authorization", "Bearer t0ken"),
            Map.entry("Last-Event-ID", "kafleet.traffic.events:0:41"));
  }

  @Test
  void responseHeadersAreTheContentTypeCachingChallengeRetryAndARewrittenLocation() {
    Map<String, List<String>> answered =
        Map.of(
            "Content-Type", List.of("application/json"),
            "Location", List.of("/api/v1/shifts/s1"),
            "WWW-Authenticate", List.of("Bearer realm=\"kafleet\""),
            "retry-after", List.of("5"),
            "Connection", List.of("close"),
            "Transfer-Encoding", List.of("chunked"),
            "Keep-Alive", List.of("timeout=60"),
            "Content-Length", List.of("12"));

    assertThat(
            TrafficForwarding.responseHeaders(TRAFFIC, TrafficForwarding.caseInsensitive(answered)))
        .containsExactly(
            Map.entry("Content-Type", "application/json"),
            Map.entry("WWW-Authenticate", "Bearer realm=\"kafleet\""),
            Map.entry("Retry-After", "5"),
            Map.entry("Location", "/traffic/api/v1/shifts/s1"));
  }

  @Test
  void aLocationIsRewrittenOnlyWhenItPointsIntoTrafficServicesApi() {
    assertThat(TrafficForwarding.location(TRAFFIC, "https://traffic-service:8081/api/v1/shifts/s1"))
        .isEqualTo("/traffic/api/v1/shifts/s1");
    assertThat(
            TrafficForwarding.location(
                URI.create("http://gateway/traffic-service"),
                "/traffic-service/api/v1/rollouts/r1"))
        .isEqualTo("/traffic/api/v1/rollouts/r1");
    assertThat(TrafficForwarding.location(TRAFFIC, "https://elsewhere/api/v1/shifts/s1"))
        .isEqualTo("https://elsewhere/api/v1/shifts/s1");
  }
}
