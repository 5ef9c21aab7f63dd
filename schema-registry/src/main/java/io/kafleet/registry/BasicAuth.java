package io.kafleet.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Checks HTTP basic auth credentials against the one {@code user:password} configured. */
final class BasicAuth {

  private final byte[] expected;

  BasicAuth(String userInfo) {
    this.expected = userInfo.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param authorization the request's {@code Authorization} header, or null
   */
  boolean permits(String authorization) {
    if (authorization == null) {
      return false;
    }
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
      return false;
    }
    byte[] presented;
    try {
      presented = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Constant time: how long a refusal takes tells nothing about the password.
    return MessageDigest.isEqual(presented, expected);
  }
}
