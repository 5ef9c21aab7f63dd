package io.kafleet.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Who called an API, as authenticated from their bearer token: a static token's name or a JWT's
 * subject, and the role it grants, if any (a valid JWT may carry no kafleet role).
 */
public record ApiCaller(String name, Optional<Role> role) {

  public ApiCaller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  public boolean may(Role required) {
    return role.map(held -> held.includes(required)).orElse(false);
  }

  /** {@code has viewer}, or {@code has no kafleet role}: for the reason of a 403. */
  public String holds() {
    return role.map(held -> "has " + held.label()).orElse("has no kafleet role");
  }
}
