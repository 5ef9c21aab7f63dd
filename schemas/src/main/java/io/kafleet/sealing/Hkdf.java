package io.kafleet.sealing;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869): Java 17 has no HKDF API of its own. */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;

  private Hkdf() {}

  static byte[] derive(byte[] salt, byte[] inputKey, byte[] info, int length) {
    if (length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA-256 yields at most 8160 bytes");
    }
    try {
      Mac extract = Mac.getInstance(HMAC);
      extract.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC));
      byte[] pseudoRandomKey = extract.doFinal(inputKey);
      Mac expand = Mac.getInstance(HMAC);
      expand.init(new SecretKeySpec(pseudoRandomKey, HMAC));
      byte[] output = new byte[length];
      byte[] block = new byte[0];
      for (int done = 0, counter = 1; done < length; counter++) {
        expand.update(block);
        expand.update(info);
        expand.update((byte) counter);
        block = expand.doFinal();
        int take = Math.min(block.length, length - done);
        System.arraycopy(block, 0, output, done, take);
        done += take;
      }
      return output;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
