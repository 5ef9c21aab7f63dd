package io.kafleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CLI's kubeconfig-like file ({@code $KAFLEET_CONFIG}, else {@code ~/.kafleet/config}): named
 * contexts, each with the services' URLs and a token, and the current one.
 *
 * <pre>
 * current-context: prod
 * contexts:
 *   - name: prod
 *     server: https://placement.example.com
 *     traffic-server: https://traffic.example.com
 *     token: ...
 *     certificate-authority: /path/to/ca.crt   # when the servers' certificates are your own CA's
 * </pre>
 */
record CliConfig(Path file, Optional<Context> context) {

  /**
   * One context; every field but the name may be absent.
   *
   * @param certificateAuthority a PEM file of the CA that signed the servers' certificates, which
   *     the CLI then trusts (as kubectl's {@code certificate-authority})
   */
  record Context(
      String name,
      Optional<String> server,
      Optional<String> trafficServer,
      Optional<String> token,
      Optional<String> certificateAuthority) {

    Context(
        String name,
        Optional<String> server,
        Optional<String> trafficServer,
        Optional<String> token) {
      this(name, server, trafficServer, token, Optional.empty());
    }
  }

  /** Built at first use: without a config file, a command needs no YAML at all. */
  private static final class Yaml {
    static final YAMLMapper MAPPER = YAMLMapper.builder().build();
  }

  private static final Set<String> CONTEXT_FIELDS =
      Set.of("name", "server", "traffic-server", "token", "certificate-authority");

  /**
   * The context named by {@code --context} or {@code KAFLEET_CONTEXT}, else the file's current one;
   * no file at the default place is no context. A file that is there but wrong is an error naming
   * the file and what is wrong.
   */
  static CliConfig load(Map<String, String> env, String contextOption) {
    String explicit = env.get("KAFLEET_CONFIG");
    Path file =
        explicit != null && !explicit.isBlank()
            ? Path.of(explicit)
            : Path.of(
                env.getOrDefault("HOME", System.getProperty("user.home")), ".kafleet", "config");
    String wanted = contextOption != null ? contextOption : env.get("KAFLEET_CONTEXT");
    if (!Files.exists(file)) {
      if (explicit != null && !explicit.isBlank()) {
        throw new CliException("KAFLEET_CONFIG names " + file + ", which does not exist");
      }
      if (wanted != null) {
        throw new CliException("context '" + wanted + "' asked for, but there is no " + file);
      }
      return new CliConfig(file, Optional.empty());
    }
    try {
      return new CliConfig(file, context(Yaml.MAPPER.readTree(Files.readString(file)), wanted));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new CliException(file + " is not YAML: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new CliException(file + ": " + e.getMessage());
    }
  }

  /** The context wanted (or the current one); none when the file names none. */
  static Optional<Context> context(JsonNode root, String wanted) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = Yaml.MAPPER.createObjectNode();
    }
    JsonNode contexts = root.path("contexts");
    if (!contexts.isMissingNode() && !contexts.isArray()) {
      throw new IllegalArgumentException("contexts: must be a list");
    }
    String name = wanted != null ? wanted : root.path("current-context").asString("");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < contexts.size(); i++) {
      JsonNode context = contexts.get(i);
      for (String field : context.propertyNames()) {
        if (!CONTEXT_FIELDS.contains(field)) {
          throw new IllegalArgumentException(
              "contexts[" + i + "]." + field + ": unknown field (known: " + CONTEXT_FIELDS + ")");
        }
      }
      String contextName = context.path("name").asString("");
      names.add(contextName);
      if (contextName.equals(name)) {
        return Optional.of(
            new Context(
                name,
                text(context, "server"),
                text(context, "traffic-server"),
                text(context, "token"),
                text(context, "certificate-authority")));
      }
    }
    throw new IllegalArgumentException("context '" + name + "' is not among its contexts " + names);
  }

  private static Optional<String> text(JsonNode context, String field) {
    String value = context.path(field).asString("");
    return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
