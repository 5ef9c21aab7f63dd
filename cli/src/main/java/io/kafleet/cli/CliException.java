package io.kafleet.cli;

/** A failure the user should read as it is: printed on stderr as {@code error: <message>}. */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
