package io.kafleet.placement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Flagger Canaries as users write them, from the test resources. */
public final class FlaggerCanaries {

  private FlaggerCanaries() {}

  /**
   * Flagger's Istio tutorial Canary for podinfo ({@code test/podinfo}), on the podinfo seed's
   * VirtualService and subsets: blue is stable, green the canary.
   */
  public static String podinfo() {
    try (InputStream in =
        FlaggerCanaries.class.getResourceAsStream("/flagger/podinfo-canary.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
