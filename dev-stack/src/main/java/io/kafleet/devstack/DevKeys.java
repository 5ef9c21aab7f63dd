package io.kafleet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * placement-service's control-plane key in the dev stack ({@code kafleet.secrets.control-plane-key}
 * : seals the values of Secret templates and keys the hashes of sealed works), made at the first
 * start and kept in {@code control-plane-key} under the state directory (owner-only), so that the
 * Secret templates stored in Kafka open again after a restart.
 */
final class DevKeys {

  private DevKeys() {}

  static String controlPlaneKey(Path stateDirectory) {
    Path file = stateDirectory.resolve("control-plane-key");
    try {
      if (Files.exists(file)) {
        String key = Files.readString(file).strip();
        if (!key.isEmpty()) {
          return key;
        }
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String key = Base64.getEncoder().encodeToString(bytes);
      Files.createDirectories(stateDirectory);
      Files.writeString(DevTokens.ownerOnly(file), key + "\n");
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep placement-service's control-plane key in " + file, e);
    }
  }
}
