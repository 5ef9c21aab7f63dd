package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** placement-service's API asks for a bearer token and the role each call needs. */
@ExtendWith(KafkaBrokerExtension.class)
class ApiAuthenticationIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: auth-test\n  namespace: default\n"
          + "data:\n  a: b\n";

  @Test
  void callsNeedATokenWithTheRoleOfTheCall(EmbeddedKafkaBroker broker, TestTopics testTopics)
      throws Exception {
    try (var registry =
            SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers())
                    .withTopic(testTopics.name("_schemas")));
        PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
      HttpResponse<String> anonymous = call(app, "GET", "/api/v1/clusters", null, null);
      assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
          .startsWith("Bearer");
      assertThat(anonymous.body()).contains("a bearer token is required");

      HttpResponse<String> malformed =
          send(
              app,
              HttpRequest.newBuilder(URI.create(app.url("/api/v1/clusters")))
                  .header("Authorization", "Bearer {oops}"));
      assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(401);
      assertThat(malformed.body()).contains("malformed bearer token");

      HttpResponse<String> unknown =
          call(app, "GET", "/api/v1/clusters", "not-a-known-token", null);
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(401);
      assertThat(unknown.body()).contains("unknown bearer token");

      assertThat(call(app, "GET", "/api/v1/clusters", PlacementApp.VIEWER_TOKEN, null).statusCode())
          .isEqualTo(200);
      HttpResponse<String> viewerApply =
          call(app, "POST", "/api/v1/apply?source=t", PlacementApp.VIEWER_TOKEN, CONFIG_MAP);
      assertThat(viewerApply.statusCode()).as(viewerApply.body()).isEqualTo(403);
      assertThat(viewerApply.body())
          .contains("operator role required; token 'test-viewer' has viewer");
      assertThat(call(app, "GET", "/api/v1/objects", PlacementApp.ADMIN_TOKEN, null).body())
          .as("objects after a refused apply")
          .doesNotContain("auth-test");

      HttpResponse<String> operatorApply =
          call(app, "POST", "/api/v1/apply?source=t", PlacementApp.OPERATOR_TOKEN, CONFIG_MAP);
      assertThat(operatorApply.statusCode()).as(operatorApply.body()).isEqualTo(200);

      HttpResponse<String> operatorAccept =
          call(app, "POST", "/api/v1/clusters/member9/accept", PlacementApp.OPERATOR_TOKEN, null);
      assertThat(operatorAccept.statusCode()).as(operatorAccept.body()).isEqualTo(403);
      assertThat(operatorAccept.body())
          .contains("admin role required; token 'test-operator' has operator");

      HttpResponse<String> adminAccept =
          call(app, "POST", "/api/v1/clusters/member9/accept", PlacementApp.ADMIN_TOKEN, null);
      assertThat(adminAccept.statusCode()).as(adminAccept.body()).isEqualTo(200);
      assertThat(adminAccept.body()).contains("\"accepted\":true");

      // The console: who the token is; its page needs no token; the traffic forwarder is secured
      // as any write.
      assertThat(call(app, "GET", "/api/v1/whoami", PlacementApp.OPERATOR_TOKEN, null).body())
          .isEqualTo("{\"name\":\"test-operator\",\"role\":\"operator\"}");
      assertThat(call(app, "GET", "/api/v1/whoami", null, null).statusCode()).isEqualTo(401);
      assertThat(call(app, "GET", "/console/index.html", null, null).statusCode()).isEqualTo(200);
      HttpResponse<String> viewerShift =
          call(app, "POST", "/traffic/api/v1/shifts", PlacementApp.VIEWER_TOKEN, null);
      assertThat(viewerShift.statusCode()).as(viewerShift.body()).isEqualTo(403);
      assertThat(viewerShift.body())
          .contains("operator role required; token 'test-viewer' has viewer");
    }
  }

  private static HttpResponse<String> call(
      PlacementApp app, String method, String path, String token, String yaml) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .method(
                method,
                yaml == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(yaml));
    if (yaml != null) {
      request.header("Content-Type", "application/yaml");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(app, request);
  }

  /** Sends, again while the instance is not leading yet (503: nothing was done). */
  private static HttpResponse<String> send(PlacementApp app, HttpRequest.Builder request)
      throws Exception {
    return await("an answer other than 503")
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()),
            response -> response.statusCode() != 503);
  }
}
