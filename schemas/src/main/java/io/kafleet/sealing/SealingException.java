package io.kafleet.sealing;

/**
 * A key that cannot be read, or an envelope that cannot be opened. The message says what was wrong
 * and never contains secret material.
 */
public final class SealingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SealingException(String message) {
    super(message);
  }

  public SealingException(String message, Throwable cause) {
    super(message, cause);
  }
}
