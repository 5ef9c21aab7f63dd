package io.kafleet.traffic.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.traffic.TrafficApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * traffic-service's API asks for a bearer token: viewer reads, operator shifts and runs rollouts.
 * Calls that pass are answered by the API itself (400 for a bad shift, 404 for an unknown id).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ApiAuthenticationIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void callsNeedATokenWithTheRoleOfTheCall(KafkaBroker broker, TestTopics testTopics)
      throws Exception {
    try (var registry =
            SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers())
                    .withTopic(testTopics.name("_schemas")));
        TrafficApp app = TrafficApp.start(broker, registry.url(), testTopics.prefix())) {
      HttpResponse<String> anonymous = call(app, "POST", "/api/v1/shifts", null);
      assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
      assertThat(anonymous.body()).contains("a bearer token is required");
      HttpResponse<String> malformed = call(app, "GET", "/api/v1/shifts/x", "bad token");
      assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(401);
      assertThat(malformed.body()).contains("malformed bearer token");

      HttpResponse<String> viewerRead =
          call(app, "GET", "/api/v1/shifts/x", TrafficApp.VIEWER_TOKEN);
      assertThat(viewerRead.statusCode()).as(viewerRead.body()).isEqualTo(404);
      HttpResponse<String> viewerShift =
          call(app, "POST", "/api/v1/shifts", TrafficApp.VIEWER_TOKEN);
      assertThat(viewerShift.statusCode()).as(viewerShift.body()).isEqualTo(403);
      assertThat(viewerShift.body())
          .contains("operator role required; token 'test-viewer' has viewer");
      HttpResponse<String> viewerAbort =
          call(app, "POST", "/api/v1/rollouts/x/abort", TrafficApp.VIEWER_TOKEN);
      assertThat(viewerAbort.statusCode()).as(viewerAbort.body()).isEqualTo(403);

      HttpResponse<String> operatorShift =
          call(app, "POST", "/api/v1/shifts", TrafficApp.OPERATOR_TOKEN);
      assertThat(operatorShift.statusCode()).as(operatorShift.body()).isIn(400, 503);
      HttpResponse<String> operatorAbort =
          call(app, "POST", "/api/v1/rollouts/x/abort", TrafficApp.OPERATOR_TOKEN);
      assertThat(operatorAbort.statusCode()).as(operatorAbort.body()).isIn(404, 503);

      // The console asks traffic-service too (through placement-service's forwarder).
      HttpResponse<String> whoami = call(app, "GET", "/api/v1/whoami", TrafficApp.VIEWER_TOKEN);
      assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
      assertThat(whoami.body()).isEqualTo("{\"name\":\"test-viewer\",\"role\":\"viewer\"}");
      assertThat(call(app, "GET", "/api/v1/whoami", null).statusCode()).isEqualTo(401);
    }
  }

  private static HttpResponse<String> call(TrafficApp app, String method, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
