package io.kafleet.agent.query;

/** A query this agent will not or cannot answer; the message goes back as the reply's error. */
public final class QueryRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public QueryRefused(String reason) {
    super(reason);
  }
}
