package io.kafleet.placement.handlers;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.input.Submission;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SealingException;
import io.kafleet.sealing.SecretManifests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secret templates are stored on {@code kafleet.templates} with their values ({@code data}, {@code
 * stringData}) sealed with placement-service's own key (AES-256-GCM, the object key and the
 * readable rest of the document as additional data), so that reading the topic shows which Secret
 * it is but not its values. Without a key a Secret template is refused, unless plain text is
 * allowed (a dev setup only).
 */
public final class TemplateSealing {

  /** How a stored object is written: the document, and its sealed values or null. */
  public record StoredForm(String document, String sealedData) {}

  private static final String PREFIX = "kft1.";
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<SecretKeySpec> key;
  private final boolean allowPlaintext;

  /**
   * @param key 32 bytes, the same across restarts: stored templates are read back with it
   */
  public TemplateSealing(Optional<byte[]> key, boolean allowPlaintext) {
    key.ifPresent(
        bytes -> {
          if (bytes.length != 32) {
            throw new IllegalArgumentException(
                "the template key has " + bytes.length + " bytes; 32 are needed");
          }
        });
    this.key = key.map(bytes -> new SecretKeySpec(bytes, "AES"));
    this.allowPlaintext = allowPlaintext;
  }

  /**
   * The form to store a submission in.
   *
   * @throws InvalidInputException for a Secret template when there is no key to seal it with
   */
  public StoredForm seal(Submission submission, String documentJson) {
    ObjectKey objectKey = submission.key();
    if (!(submission instanceof Submission.Template)
        || !SecretManifests.isSecret(objectKey.toString())) {
      return new StoredForm(documentJson, null);
    }
    if (key.isEmpty()) {
      if (allowPlaintext) {
        return new StoredForm(documentJson, null);
      }
      throw new InvalidInputException(
          "kind",
          "placement-service has no kafleet.secrets.control-plane-key: Secret templates are never"
              + " stored in plain text");
    }
    ObjectNode document = (ObjectNode) JSON.readTree(documentJson);
    ObjectNode values = JSON.createObjectNode();
    for (String field : SecretManifests.SEALED_FIELDS) {
      JsonNode value = document.remove(field);
      if (value != null) {
        values.set(field, value);
      }
    }
    String readable = JSON.writeValueAsString(document);
    return new StoredForm(
        readable, encrypt(JSON.writeValueAsString(values), aad(objectKey, readable)));
  }

  /**
   * The document as submitted.
   *
   * @throws SealingException when the values do not open with this key; never with the values
   */
  public String open(ObjectKey objectKey, String document, String sealedData) {
    if (sealedData == null) {
      return document;
    }
    if (key.isEmpty()) {
      throw new SealingException(
          "its values are sealed, but placement-service has no kafleet.secrets.control-plane-key");
    }
    ObjectNode readable = (ObjectNode) JSON.readTree(document);
    JsonNode values = JSON.readTree(decrypt(sealedData, aad(objectKey, document)));
    values.properties().forEach(field -> readable.set(field.getKey(), field.getValue()));
    return JSON.writeValueAsString(readable);
  }

  private static byte[] aad(ObjectKey objectKey, String readable) {
    return ("kafleet.templates\n" + objectKey + "\n" + readable).getBytes(StandardCharsets.UTF_8);
  }

  private String encrypt(String plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.orElseThrow(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + ciphertext.length)
                      .put(nonce)
                      .put(ciphertext)
                      .array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has AES-GCM", e);
    }
  }

  private String decrypt(String sealed, byte[] aad) {
    if (!sealed.startsWith(PREFIX)) {
      throw new SealingException("its sealed values do not start with " + PREFIX);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SealingException("its sealed values are not base64url");
    }
    if (bytes.length < NONCE_LENGTH + TAG_BITS / 8) {
      throw new SealingException("its sealed values are too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.orElseThrow(),
          new GCMParameterSpec(TAG_BITS, Arrays.copyOf(bytes, NONCE_LENGTH)));
      cipher.updateAAD(aad);
      return new String(
          cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SealingException(
          "its sealed values do not open: another control-plane key, another object, or changed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has AES-GCM", e);
    }
  }
}
