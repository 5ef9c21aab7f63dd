package io.kafleet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandLineTest {

  @Test
  void readsOptionsInBothForms() {
    RegistrySettings settings =
        ServerCommandLine.parse(
            "--bootstrap-servers", "kafka:9092", "--port=18081", "--topic", "_schemas-dev");

    assertThat(settings.bootstrapServers()).as("bootstrap servers").isEqualTo("kafka:9092");
    assertThat(settings.port()).as("port").isEqualTo(18081);
    assertThat(settings.topic()).as("topic").isEqualTo("_schemas-dev");
    assertThat(settings.host()).as("host").isEqualTo(RegistrySettings.DEFAULT_HOST);
    assertThat(settings.basicAuth()).as("basic auth").isNull();
  }

  @Test
  void defaultsToConfluentsPortAndKafleetsTopic() {
    RegistrySettings settings = ServerCommandLine.parse("--bootstrap-servers", "k:9092");

    assertThat(settings.port()).as("port").isEqualTo(8081);
    assertThat(settings.topic()).as("topic").isEqualTo("_kafleet-schemas");
  }

  @Test
  void readsKafkaClientPropertiesFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("kafka.properties");
    Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n");

    RegistrySettings settings =
        ServerCommandLine.parse("--bootstrap-servers", "k:9092", "--kafka-config", file.toString());

    assertThat(settings.kafkaProperties())
        .as("Kafka client properties")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThatThrownBy(
            () ->
                ServerCommandLine.parse(
                    "--bootstrap-servers", "k", "--kafka-config", dir.resolve("none").toString()))
        .as("a file that is not there")
        .hasMessageContaining("--kafka-config: cannot read");
  }

  @Test
  void explainsWhatIsWrong() {
    assertThatThrownBy(() -> ServerCommandLine.parse("--port", "1"))
        .as("no bootstrap servers")
        .hasMessageContaining("--bootstrap-servers is required");
    assertThatThrownBy(() -> ServerCommandLine.parse("--bootstrap-servers", "k", "--colour", "x"))
        .as("unknown option")
        .hasMessageContaining("Unknown option --colour");
    assertThatThrownBy(() -> ServerCommandLine.parse("--bootstrap-servers", "k", "--port", "x"))
        .as("port not a number")
        .hasMessageContaining("--port takes a number");
    assertThatThrownBy(() -> ServerCommandLine.parse("--bootstrap-servers"))
        .as("missing value")
        .hasMessageContaining("Missing value for --bootstrap-servers");
  }

  @Test
  void settingsNeverPrintThePassword() {
    RegistrySettings settings = RegistrySettings.of("k:9092").withBasicAuth("fleet:s3cret");

    assertThat(settings.toString())
        .as("settings as text")
        .contains("fleet:***")
        .doesNotContain("s3cret");
  }
}
