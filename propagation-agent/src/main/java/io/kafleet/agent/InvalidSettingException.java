package io.kafleet.agent;

/** A setting of the agent is missing or wrong; the message names the environment variable. */
public final class InvalidSettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String variable;

  public InvalidSettingException(String variable, String reason) {
    super(variable + ": " + reason);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
