package io.kafleet.devstack;

import io.kafleet.security.StaticTokens;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The dev stack's API tokens, one per role, made at its first start and kept in {@code tokens}
 * under its state directory (owner-only), so they survive a restart. The services get only their
 * hashes; the CLI gets them through the config file {@link #writeCliConfig} writes.
 */
public record DevTokens(String admin, String operator, String viewer) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static DevTokens loadOrCreate(Path stateDirectory) {
    Path file = stateDirectory.resolve("tokens");
    try {
      if (Files.exists(file)) {
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
          stored.load(reader);
        }
        return new DevTokens(
            required(stored, "admin", file),
            required(stored, "operator", file),
            required(stored, "viewer", file));
      }
      DevTokens tokens = new DevTokens(random(), random(), random());
      Properties stored = new Properties();
      stored.setProperty("admin", tokens.admin());
      stored.setProperty("operator", tokens.operator());
      stored.setProperty("viewer", tokens.viewer());
      Files.createDirectories(stateDirectory);
      try (Writer writer = Files.newBufferedWriter(ownerOnly(file))) {
        stored.store(writer, "kafleet dev stack API tokens (bearer tokens, one per role)");
      }
      return tokens;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev stack's API tokens in " + file, e);
    }
  }

  /** The services' {@code kafleet.security.static-tokens}, as hashes, for their command line. */
  public List<String> serviceArguments() {
    List<String> arguments = new ArrayList<>();
    String[][] entries = {
      {"dev-admin", "admin", admin},
      {"dev-operator", "operator", operator},
      {"dev-viewer", "viewer", viewer}
    };
    for (int i = 0; i < entries.length; i++) {
      String entry = "--kafleet.security.static-tokens[" + i + "].";
      arguments.add(entry + "name=" + entries[i][0]);
      arguments.add(entry + "role=" + entries[i][1]);
      arguments.add(entry + "token-sha256=" + StaticTokens.sha256Hex(entries[i][2]));
    }
    return arguments;
  }

  /**
   * The CLI's config file ({@code KAFLEET_CONFIG}), owner-only: a context per role with both
   * services' URLs, dev-admin current.
   */
  public Path writeCliConfig(
      Path stateDirectory, String placementUrl, String trafficUrl, Path certificateAuthority) {
    Path file = stateDirectory.resolve("config");
    StringBuilder yaml =
        new StringBuilder(
            "# Written by the kafleet dev stack at each start; ./kafleet reads it (KAFLEET_CONFIG).\n"
                + "current-context: dev-admin\ncontexts:\n");
    String[][] contexts = {
      {"dev-admin", admin}, {"dev-operator", operator}, {"dev-viewer", viewer}
    };
    for (String[] context : contexts) {
      yaml.append("  - name: ")
          .append(context[0])
          .append("\n    server: ")
          .append(placementUrl)
          .append("\n    traffic-server: ")
          .append(trafficUrl)
          .append("\n    token: ")
          .append(context[1])
          .append("\n    certificate-authority: ")
          .append(certificateAuthority.toAbsolutePath())
          .append('\n');
    }
    try {
      Files.writeString(ownerOnly(file), yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CLI's config " + file, e);
    }
  }

  /** Creates the file readable and writable by its owner only, unless it exists. */
  static Path ownerOnly(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system: its own defaults
      }
    }
    return file;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String required(Properties stored, String role, Path file) {
    String token = stored.getProperty(role, "").trim();
    if (token.isEmpty()) {
      throw new IllegalStateException(
          file + " has no " + role + " token; delete the file and a new set is made at start");
    }
    return token;
  }
}
