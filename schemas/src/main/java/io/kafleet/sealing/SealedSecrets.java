package io.kafleet.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption for one recipient (a member cluster's agent), with the JDK only: a fresh
 * ephemeral X25519 key pair agrees a secret with the cluster's public key, HKDF-SHA-256 turns it
 * into a one-time AES-256 key, and AES-256-GCM encrypts the plaintext, authenticating the
 * additional data (AAD) too, so an envelope opens only with the same AAD: bound to its cluster and
 * object, it cannot be replayed into another cluster's topic or onto another object.
 *
 * <p>The envelope is text: {@code kfs1.} then base64url (no padding) of the ephemeral public key
 * (X.509 DER, 44 bytes), the 12-byte nonce, and the ciphertext with its 16-byte tag. Sealing the
 * same plaintext twice gives different envelopes.
 */
public final class SealedSecrets {

  static final String PREFIX = "kfs1.";
  private static final int PUBLIC_KEY_LENGTH = 44;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] INFO =
      "kafleet sealed secret v1: X25519, HKDF-SHA-256, AES-256-GCM"
          .getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SealedSecrets() {}

  public static String seal(byte[] plaintext, PublicKey recipient, byte[] aad) {
    KeyPair ephemeral = SealingKeys.generate();
    byte[] ephemeralPublic = ephemeral.getPublic().getEncoded();
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      byte[] key = dataKey(ephemeral.getPrivate(), recipient, ephemeralPublic);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] ciphertext = cipher.doFinal(plaintext);
      Arrays.fill(key, (byte) 0);
      ByteBuffer envelope =
          ByteBuffer.allocate(ephemeralPublic.length + nonce.length + ciphertext.length);
      envelope.put(ephemeralPublic).put(nonce).put(ciphertext);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.array());
    } catch (InvalidKeyException e) {
      throw new SealingException("the recipient's key is not an X25519 public key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 runtime has X25519 and AES-GCM", e);
    }
  }

  public static String seal(String plaintext, PublicKey recipient, String aad) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), recipient, utf8(aad));
  }

  /**
   * @throws SealingException when the envelope is malformed, was sealed for another key or another
   *     AAD, or was changed
   */
  public static byte[] open(String envelope, PrivateKey recipient, byte[] aad) {
    byte[] bytes = bytesOf(envelope);
    byte[] ephemeralPublic = Arrays.copyOfRange(bytes, 0, PUBLIC_KEY_LENGTH);
    byte[] nonce = Arrays.copyOfRange(bytes, PUBLIC_KEY_LENGTH, PUBLIC_KEY_LENGTH + NONCE_LENGTH);
    PublicKey sender;
    try {
      sender = SealingKeys.publicKey(Base64.getEncoder().encodeToString(ephemeralPublic));
    } catch (SealingException e) {
      throw new SealingException("malformed sealed envelope: its ephemeral key is not X25519");
    }
    try {
      byte[] key = dataKey(recipient, sender, ephemeralPublic);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] plaintext =
          cipher.doFinal(
              bytes,
              PUBLIC_KEY_LENGTH + NONCE_LENGTH,
              bytes.length - PUBLIC_KEY_LENGTH - NONCE_LENGTH);
      Arrays.fill(key, (byte) 0);
      return plaintext;
    } catch (AEADBadTagException e) {
      throw new SealingException(
          "the sealed envelope does not open: it was sealed for another key or another"
              + " cluster/object, or it was changed");
    } catch (InvalidKeyException e) {
      throw new SealingException("cannot open the sealed envelope: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 runtime has X25519 and AES-GCM", e);
    }
  }

  public static String open(String envelope, PrivateKey recipient, String aad) {
    return new String(open(envelope, recipient, utf8(aad)), StandardCharsets.UTF_8);
  }

  /** Whether the text is an envelope of this format (it may still not open). */
  public static boolean isSealed(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  private static byte[] bytesOf(String envelope) {
    if (!isSealed(envelope)) {
      throw new SealingException("not a sealed envelope: it does not start with " + PREFIX);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(envelope.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SealingException("malformed sealed envelope: not base64url after " + PREFIX);
    }
    if (bytes.length < PUBLIC_KEY_LENGTH + NONCE_LENGTH + TAG_BITS / 8) {
      throw new SealingException(
          "malformed sealed envelope: " + bytes.length + " bytes, too short to be one");
    }
    return bytes;
  }

  /**
   * The one-time AES key: X25519 agreement, then HKDF salted with the ephemeral public key, so each
   * envelope's key is bound to its own ephemeral key.
   */
  private static byte[] dataKey(PrivateKey own, PublicKey other, byte[] ephemeralPublic)
      throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance(SealingKeys.ALGORITHM);
    agreement.init(own);
    agreement.doPhase(other, true);
    byte[] shared = agreement.generateSecret();
    byte[] key = Hkdf.derive(ephemeralPublic, shared, INFO, 32);
    Arrays.fill(shared, (byte) 0);
    return key;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
