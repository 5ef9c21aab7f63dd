package io.kafleet.placement.works;

import io.kafleet.placement.works.DesiredWorks.Desired;
import io.kafleet.placement.works.DesiredWorks.Held;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SecretManifests;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets never travel in plain text: each Secret work is marked to be sealed for its cluster's
 * public key, and a cluster without one does not get the Secret (the copy is held, and explain says
 * why) unless plain text is allowed, which only a dev setup may do.
 *
 * <p>A sealed work's content hash is an HMAC-SHA256, keyed with placement-service's hash key, of
 * the plaintext hash and the cluster's key: equal Secrets keep equal hashes (nothing is re-sent
 * while they do not change; a new cluster key re-seals), and the hash on Kafka is no oracle to test
 * guessed values against, which a plain SHA-256 of a low-entropy value would be.
 */
public final class SecretSealing {

  private static final String HMAC = "HmacSHA256";

  private final boolean allowPlaintext;
  private final SecretKeySpec hashKey;

  /**
   * @param allowPlaintext send Secrets unsealed to clusters without a key: for a dev setup only
   * @param hashKey secret to placement-service; the same across restarts, or every sealed work is
   *     re-sent once after a restart
   */
  public SecretSealing(boolean allowPlaintext, byte[] hashKey) {
    if (hashKey.length < 32) {
      throw new IllegalArgumentException(
          "the hash key has " + hashKey.length + " bytes; at least 32 are needed");
    }
    this.allowPlaintext = allowPlaintext;
    this.hashKey = new SecretKeySpec(hashKey, HMAC);
  }

  /** Why a cluster gets no Secret. */
  public static String noKeyReason(String cluster) {
    return "cluster " + cluster + " has no sealing key: Secrets are never sent in plain text";
  }

  /**
   * @param keys the sealing public key of each cluster that has one, by cluster name
   */
  public Desired apply(Desired desired, Map<String, String> keys) {
    return new Desired(desired.plans().stream().map(plan -> apply(plan, keys)).toList());
  }

  /** One template's plan, its Secret works sealed for their clusters or held. */
  public Plan apply(Plan plan, Map<String, String> keys) {
    List<RenderedWork> works = new ArrayList<>();
    List<Held> held = new ArrayList<>(plan.held());
    for (RenderedWork work : plan.works()) {
      if (!SecretManifests.isSecret(work.key().toString())) {
        works.add(work);
        continue;
      }
      Optional<String> key = Optional.ofNullable(keys.get(work.cluster()));
      if (key.isPresent()) {
        works.add(work.sealedFor(key.get(), sealedHash(work, key.get())));
      } else if (allowPlaintext) {
        works.add(work);
      } else {
        ObjectKey template = plan.template().ref().key();
        held.add(
            new Held(
                new WorkId(work.cluster(), work.key()),
                template,
                template,
                "kind",
                noKeyReason(work.cluster())));
      }
    }
    return new Plan(plan.template(), plan.placement(), works, plan.overrides(), held);
  }

  private String sealedHash(RenderedWork work, String publicKey) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(hashKey);
      byte[] hash =
          mac.doFinal(
              (work.contentHash() + "\nsealed-for=" + publicKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "SecretSealing[allowPlaintext=" + allowPlaintext + "]";
  }
}
