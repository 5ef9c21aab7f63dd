package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.Work;
import io.kafleet.serde.SchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackIT {

  @Test
  void startsABrokerARegistryAndTheServicesWhoseStateAndTokensSurviveARestart(@TempDir Path state)
      throws Exception {
    DevStackSettings settings = new DevStackSettings(state, 0, 0, 0, 0, List.of());
    int workSchemaId;
    try (DevStack stack = DevStack.start(settings)) {
      assertThat(stack.endpoints())
          .contains(stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.placementUrl());
      assertThat(clusters(stack, null).statusCode()).as("without a token").isEqualTo(401);
      HttpResponse<String> clusters = clusters(stack, stack.tokens().viewer());
      assertThat(clusters.statusCode()).as("placement-service: %s", clusters.body()).isEqualTo(200);
      assertThat(stack.endpoints()).contains(stack.cliConfig().toAbsolutePath().toString());
      assertThat(Files.readString(stack.cliConfig()))
          .contains("current-context: dev-admin", "token: " + stack.tokens().admin());
      workSchemaId =
          new SchemaRegistryClient(stack.schemaRegistryUrl())
              .register("kafleet.es.member1-value", Work.getClassSchema());
      try (Admin admin = admin(stack)) {
        admin
            .createTopics(java.util.List.of(new NewTopic("kafleet.es.member1", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }

    DevTokens first = DevTokens.loadOrCreate(state);
    try (DevStack stack = DevStack.start(settings)) {
      assertThat(stack.tokens()).as("API tokens after a restart").isEqualTo(first);
      assertThat(clusters(stack, first.admin()).statusCode()).isEqualTo(200);
      SchemaRegistryClient registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
      assertThat(registry.version("kafleet.es.member1-value", "latest").id())
          .as("schema id after the stack restarted on the same state")
          .isEqualTo(workSchemaId);
      try (Admin admin = admin(stack)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains("kafleet.es.member1");
      }
    }
  }

  private static HttpResponse<String> clusters(DevStack stack, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.placementUrl() + "/api/v1/clusters"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Admin admin(DevStack stack) {
    return Admin.create(
        java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }
}
