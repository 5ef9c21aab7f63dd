package io.kafleet.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A member cluster's sealing key pair: X25519, the public key as base64 of its X.509
 * SubjectPublicKeyInfo DER (what {@code ClusterAdmission.sealingPublicKey} holds), the private key
 * as base64 of its PKCS#8 DER (what the agent's Secret holds). Both fit an environment variable.
 */
public final class SealingKeys {

  static final String ALGORITHM = "X25519";

  private SealingKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 11+ runtime has X25519", e);
    }
  }

  /**
   * A 32-byte key for one purpose, derived (HKDF-SHA-256) from a secret root key, so that one
   * configured secret yields independent keys.
   */
  public static byte[] derive(byte[] rootKey, String purpose) {
    return Hkdf.derive(
        new byte[0], rootKey, ("kafleet " + purpose).getBytes(StandardCharsets.UTF_8), 32);
  }

  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static String encode(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * @throws SealingException when the text is not base64 of an X25519 public key
   */
  public static PublicKey publicKey(String base64) {
    byte[] der = decode(base64, "public");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (InvalidKeySpecException | ClassCastException e) {
      throw new SealingException(
          "not an X25519 public key (base64 of its X.509 DER encoding expected)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 11+ runtime has X25519", e);
    }
  }

  /**
   * @throws SealingException when the text is not base64 of an X25519 private key
   */
  public static PrivateKey privateKey(String base64) {
    byte[] der = decode(base64, "private");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (InvalidKeySpecException | ClassCastException e) {
      throw new SealingException(
          "not an X25519 private key (base64 of its PKCS#8 DER encoding expected)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 11+ runtime has X25519", e);
    }
  }

  private static byte[] decode(String base64, String which) {
    if (base64 == null || base64.isBlank()) {
      throw new SealingException("the " + which + " key is empty");
    }
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      // The decoder names the offending character: never echo key material.
      throw new SealingException("the " + which + " key is not base64");
    }
  }
}
