package io.kafleet.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API call: the caller, with its role as the one authority {@code ROLE_...}. */
public final class ApiAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final Role role; // null: authenticated, but no kafleet role

  public ApiAuthentication(ApiCaller caller) {
    super(
        caller.role().stream()
            .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
            .toList());
    this.name = caller.name();
    this.role = caller.role().orElse(null);
    setAuthenticated(true);
  }

  public ApiCaller caller() {
    return new ApiCaller(name, java.util.Optional.ofNullable(role));
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return name;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiAuthentication that && that.caller().equals(caller());
  }

  @Override
  public int hashCode() {
    return List.of(name, String.valueOf(role)).hashCode();
  }
}
