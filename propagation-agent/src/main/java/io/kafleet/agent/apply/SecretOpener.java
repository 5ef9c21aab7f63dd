package io.kafleet.agent.apply;

import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SealingException;
import io.kafleet.sealing.SecretManifests;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * Opens a Secret's sealed values, with this cluster's private key, just before the work is applied:
 * the plaintext lives only in memory, on its way to the API server. A work that does not open is
 * refused, with a message that never contains its values.
 */
public final class SecretOpener {

  private final Optional<PrivateKey> key;
  private final String cluster;

  public SecretOpener(Optional<PrivateKey> key, String cluster) {
    this.key = key;
    this.cluster = cluster;
  }

  /** The whole manifest to apply: the work's own, or with its sealed values restored. */
  public String manifestOf(ObjectKey objectKey, Work work) throws InvalidManifestException {
    if (work.getSealedData() == null) {
      return work.getManifest();
    }
    if (key.isEmpty()) {
      throw new InvalidManifestException(
          "the work is sealed for this cluster, but the agent has no sealing key: set"
              + " KAFLEET_SEALING_PRIVATE_KEY or KAFLEET_SEALING_PRIVATE_KEY_FILE; nothing applied");
    }
    try {
      return SecretManifests.open(
          work.getManifest(), work.getSealedData(), key.get(), cluster, objectKey.toString());
    } catch (SealingException e) {
      throw new InvalidManifestException(
          "the sealed values do not open with this agent's key ("
              + e.getMessage()
              + "); nothing applied");
    }
  }
}
