package io.kafleet.traffic.kafka;

import io.kafleet.traffic.rollouts.RolloutSpec;
import io.kafleet.traffic.rollouts.RolloutState;
import io.kafleet.traffic.rollouts.Rollouts.WebhookAnswer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;

/** Asks a rollout's webhook whether a step may complete: a POST that must answer 2xx. */
final class Webhooks {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Webhooks() {}

  static CompletableFuture<WebhookAnswer> ask(RolloutSpec spec, RolloutState state) {
    String body =
        JSON.createObjectNode()
            .put("rolloutId", spec.id())
            .put("virtualService", spec.virtualService().toString())
            .put("step", state.step())
            .put("wave", state.wave())
            .put("canaryWeight", spec.step(state.step()).canaryWeight())
            .toString();
    HttpRequest request =
        HttpRequest.newBuilder(spec.webhook())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> new WebhookAnswer(response.statusCode(), null))
        .exceptionally(e -> new WebhookAnswer(0, String.valueOf(e.getMessage())));
  }
}
