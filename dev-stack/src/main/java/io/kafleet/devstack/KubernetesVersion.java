package io.kafleet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Kubernetes release the build prepared binaries for (the parent pom's kubernetes.version). */
final class KubernetesVersion {

  private KubernetesVersion() {}

  static String get() {
    try (InputStream in = KubernetesVersion.class.getResourceAsStream("kubernetes.version")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
