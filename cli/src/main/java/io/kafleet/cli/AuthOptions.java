package io.kafleet.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The token and context for a service's API: {@code --token}, else {@code KAFLEET_TOKEN}, else the
 * context's token in the config file.
 */
final class AuthOptions {

  @Option(
      names = "--token",
      description =
          "Bearer token for the API (else env KAFLEET_TOKEN, else the context's token in"
              + " $KAFLEET_CONFIG or ~/.kafleet/config). On the command line it shows in ps;"
              + " prefer the others.")
  String token;

  @Option(
      names = "--certificate-authority",
      description =
          "A PEM file of the CA whose certificates the services present over https, trusted"
              + " besides the system's (else env KAFLEET_CA, else the context's"
              + " certificate-authority).")
  String certificateAuthority;

  @Option(
      names = "--context",
      description =
          "Context of the config file to use (env KAFLEET_CONTEXT; default its"
              + " current-context).")
  String context;

  /** The service's API at the URL given by option, env, context or default, in that order. */
  ServiceApi api(
      String service,
      String serverOption,
      String serverEnv,
      String defaultServer,
      boolean traffic) {
    return resolve(System.getenv(), service, serverOption, serverEnv, defaultServer, traffic);
  }

  ServiceApi resolve(
      Map<String, String> env,
      String service,
      String serverOption,
      String serverEnv,
      String defaultServer,
      boolean traffic) {
    Optional<CliConfig.Context> current = CliConfig.load(env, context).context();
    String server =
        first(
                Optional.ofNullable(serverOption),
                Optional.ofNullable(env.get(serverEnv)).filter(value -> !value.isBlank()),
                current.flatMap(c -> traffic ? c.trafficServer() : c.server()))
            .orElse(defaultServer);
    Optional<String> bearer =
        first(
            Optional.ofNullable(token),
            Optional.ofNullable(env.get("KAFLEET_TOKEN")).filter(value -> !value.isBlank()),
            current.flatMap(CliConfig.Context::token));
    Optional<Path> authority =
        first(
                Optional.ofNullable(certificateAuthority),
                Optional.ofNullable(env.get("KAFLEET_CA")).filter(value -> !value.isBlank()),
                current.flatMap(CliConfig.Context::certificateAuthority))
            .map(Path::of);
    return new ServiceApi(service, server, bearer, authority);
  }

  @SafeVarargs
  private static Optional<String> first(Optional<String>... candidates) {
    for (Optional<String> candidate : candidates) {
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return Optional.empty();
  }
}
