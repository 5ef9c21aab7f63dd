package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessCommandTest {

  private static final String PASSWORD = "pw-\\\"quoted\\\"-\\\\-end";
  private static final String ANSWER =
      "{\"reader\":\"grafana\",\"kafka\":{\"username\":\"kafleet-reader-grafana\",\"password\":\""
          + PASSWORD
          + "\",\"mechanism\":\"SCRAM-SHA-512\",\"securityProtocol\":\"SASL_PLAINTEXT\"},"
          + "\"groupPrefix\":\"dash-\","
          + "\"topics\":[\"kafleet.placement.events\",\"kafleet.traffic.events\"],"
          + "\"bootstrapServers\":\"kafka:9092\",\"schemaRegistryUrl\":\"http://registry:8081\"}";

  private final FakePlacement placement;

  AccessCommandTest() throws Exception {
    placement =
        new FakePlacement()
            .answer("POST /api/v1/access/readers/grafana", 201, ANSWER)
            .answer(
                "DELETE /api/v1/access/readers/grafana",
                200,
                "{\"reader\":\"grafana\",\"user\":\"kafleet-reader-grafana\"}")
            .answer(
                "DELETE /api/v1/access/readers/nobody",
                404,
                "{\"reason\":\"reader nobody is unknown: kafleet-reader-nobody has no access\"}")
            .answer(
                "POST /api/v1/access/readers/kafleet",
                400,
                "{\"field\":\"groupPrefix\",\"reason\":\"'kafleet-' would cover kafleet's own"
                    + " consumer groups\"}");
  }

  @AfterEach
  void stop() {
    placement.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(args, "--server=" + placement.url(), "--token=admin-token");
  }

  @Test
  void readerPrintsAPropertiesFileAKafkaClientLoadsAsItIs() throws Exception {
    CliRun run = run("access", "reader", "grafana", "--group-prefix=dash-");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(placement.requests)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.body()).isEqualTo("{\"groupPrefix\":\"dash-\"}");
              assertThat(request.authorization()).isEqualTo("Bearer admin-token");
            });
    Properties loaded = new Properties();
    loaded.load(new StringReader(run.out()));
    assertThat(loaded)
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"kafleet-reader-grafana\" password=\"pw-\\\"quoted\\\"-\\\\-end\";")
        .containsEntry("group.id", "dash-events")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("schema.registry.url", "http://registry:8081");
    assertThat(run.out())
        .contains("# It may read: kafleet.placement.events, kafleet.traffic.events");
  }

  @Test
  void withoutAPrefixTheBodyAsksForTheDefaultAndGivenAddressesWin() throws Exception {
    CliRun run =
        run(
            "access",
            "reader",
            "grafana",
            "--bootstrap-servers=kafka.example.com:9094",
            "--schema-registry=https://registry.example.com");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(placement.requests.get(0).body()).isEqualTo("{}");
    Properties loaded = new Properties();
    loaded.load(new StringReader(run.out()));
    assertThat(loaded)
        .containsEntry("bootstrap.servers", "kafka.example.com:9094")
        .containsEntry("schema.registry.url", "https://registry.example.com");
  }

  @Test
  void aRefusalIsAnErrorNamingTheFieldAndPrintsNoProperties() {
    CliRun run = run("access", "reader", "kafleet");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("groupPrefix: 'kafleet-' would cover kafleet's own");
  }

  @Test
  void revokeDeletesTheReaderAndSaysSo() {
    CliRun run = run("access", "revoke", "grafana");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(placement.requests)
        .singleElement()
        .satisfies(r -> assertThat(r.method()).isEqualTo("DELETE"));
    assertThat(run.out())
        .isEqualTo(
            "reader/grafana revoked: Kafka user kafleet-reader-grafana and its ACLs deleted\n");
  }

  @Test
  void revokingAnUnknownReaderIsAnError() {
    CliRun run = run("access", "revoke", "nobody");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("reader nobody is unknown");
  }
}
