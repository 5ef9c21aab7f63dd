package io.kafleet.cli;

import picocli.CommandLine.Option;

/** Where placement-service listens, for every command that talks to it. */
final class ServerOption {

  @Option(
      names = "--server",
      defaultValue = "${env:KAFLEET_SERVER:-http://localhost:8080}",
      description = "placement-service's URL (env KAFLEET_SERVER; default ${DEFAULT-VALUE}).")
  String server;

  ServiceApi api() {
    return new ServiceApi("placement-service", server);
  }
}
