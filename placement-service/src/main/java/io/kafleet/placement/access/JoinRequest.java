package io.kafleet.placement.access;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.schemas.Topics;
import io.kafleet.sealing.SealingException;
import io.kafleet.sealing.SealingKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/clusters/{name}/join}.
 *
 * @param labels the cluster's labels, echoed for its agent's Secret (the agent reports them in its
 *     heartbeats, which is where placement reads labels from)
 * @param sealingPublicKey base64 of the cluster's X25519 public key (X.509 DER); its private key
 *     stays with whoever joins the cluster and its agent
 */
public record JoinRequest(Map<String, String> labels, String sealingPublicKey) {

  // Kubernetes' label syntax: a name segment, optionally prefixed by a DNS subdomain and '/'.
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A join whose every part is checked: what the endpoint goes on to create. */
  public record Checked(String cluster, Map<String, String> labels, String sealingPublicKey) {}

  /**
   * Checks the name, the labels and the key, before anything is created.
   *
   * @param body null when the request had none
   * @throws InvalidInputException naming the first field that is wrong ({@code name}, {@code
   *     labels}, {@code sealingPublicKey})
   */
  public static Checked check(String cluster, JoinRequest body) {
    checkName(cluster);
    if (body == null) {
      throw new InvalidInputException(
          "sealingPublicKey", "is required: base64 of the cluster's X25519 public key");
    }
    Map<String, String> labels = body.labels() == null ? Map.of() : body.labels();
    labels.forEach(JoinRequest::checkLabel);
    if (body.sealingPublicKey() == null || body.sealingPublicKey().isBlank()) {
      throw new InvalidInputException(
          "sealingPublicKey", "is required: base64 of the cluster's X25519 public key");
    }
    String key;
    try {
      key = SealingKeys.encode(SealingKeys.publicKey(body.sealingPublicKey().strip()));
    } catch (SealingException | IllegalArgumentException e) {
      throw new InvalidInputException("sealingPublicKey", e.getMessage());
    }
    return new Checked(cluster, new LinkedHashMap<>(labels), key);
  }

  /** A 400 on {@code name} unless the cluster's name is a DNS label. */
  public static void checkName(String cluster) {
    if (!Topics.isValidClusterName(cluster)) {
      throw new InvalidInputException(
          "name",
          "'"
              + cluster
              + "' is not a DNS label (lower-case letters, digits and '-', starting and ending"
              + " with a letter or digit, at most 63)");
    }
  }

  private static void checkLabel(String key, String value) {
    String name = key == null ? "" : key;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String prefix = name.substring(0, slash);
      name = name.substring(slash + 1);
      if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        throw new InvalidInputException(
            "labels", "the prefix of label key '" + key + "' is not a DNS subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "labels",
          "label key '"
              + key
              + "' is not a label name (letters, digits, '-', '_', '.', starting and ending with a"
              + " letter or digit, at most 63)");
    }
    if (value == null || value.length() > 63 || !LABEL_NAME.matcher(value).matches()) {
      throw new InvalidInputException(
          "labels",
          "value '"
              + value
              + "' of label '"
              + key
              + "' is not a label value (empty, or letters, digits, '-', '_', '.', starting and"
              + " ending with a letter or digit, at most 63)");
    }
  }
}
