package io.kafleet.security;

import java.util.Locale;
import java.util.Optional;

/** What a caller of a kafleet API may do; each role includes the ones before it. */
public enum Role {
  /** Reads: every GET. */
  VIEWER,
  /** Changes the fleet: apply, delete, shifts, rollouts and their actions. */
  OPERATOR,
  /** Decides on member clusters: accept, admission, join, leave, rotate. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The name as written in settings, tokens and errors: {@code viewer}, {@code operator}... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> ofLabel(String label) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(label.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
