package io.kafleet.agent.apply;

/** A work's manifest cannot be applied as it is; retrying would not help. */
public final class InvalidManifestException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidManifestException(String reason) {
    super(reason);
  }
}
