package io.kafleet.cli;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A placement-service on free ports (with its broker and schema registry) for measuring how soon
 * {@code kafleet get clusters} answers, without the dev stack's fixed ports: prints {@code
 * KAFLEET_SERVER=URL}, then runs until its standard input closes. Run by {@code
 * cli/startup-bench.sh}.
 */
final class StartupPlacement {

  private StartupPlacement() {}

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("kafleet-startup-broker");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.in(data));
        SchemaRegistryServer registry =
            SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers()));
        ConfigurableApplicationContext placement =
            PlacementServiceApplication.builder()
                .run(
                    "--server.port=0",
                    "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--kafleet.schema-registry.url=" + registry.url(),
                    "--kafleet.security.static-tokens[0].name=startup",
                    "--kafleet.security.static-tokens[0].role=viewer",
                    "--kafleet.security.static-tokens[0].token=startup-viewer-token")) {
      System.out.println(
          "KAFLEET_SERVER=http://127.0.0.1:"
              + placement.getEnvironment().getProperty("local.server.port")
              + " KAFLEET_TOKEN=startup-viewer-token");
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
