package io.kafleet.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where placement-service listens, and the token, for every command that talks to it. */
final class ServerOption {

  @Option(
      names = "--server",
      description =
          "placement-service's URL (else env KAFLEET_SERVER, else the context's server;"
              + " default http://localhost:8080).")
  String server;

  @Mixin AuthOptions auth;

  ServiceApi api() {
    return auth.api("placement-service", server, "KAFLEET_SERVER", "http://localhost:8080", false);
  }
}
