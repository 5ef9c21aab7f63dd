package io.kafleet.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kafleet.security.*}: whether the API asks for bearer tokens, the static tokens it knows,
 * and how a JWT's claims name the caller and its role. Where JWTs come from (issuer, JWK set,
 * public key) is Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param enabled false only for a service no one else can reach: every call is then allowed
 * @param staticTokens tokens configured here, each with a name and a role
 * @param jwt the claims read from a JWT
 */
@ConfigurationProperties("kafleet.security")
public record ApiSecuritySettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<StaticToken> staticTokens,
    @DefaultValue Jwt jwt) {

  /**
   * One static token: give {@code tokenSha256} (hex SHA-256 of the token, so the settings hold no
   * secret) or, for tests, the {@code token} itself.
   */
  public record StaticToken(String name, String role, String token, String tokenSha256) {}

  /**
   * @param rolesClaim the claim with the caller's roles (a string or a list; dots go into nested
   *     objects: {@code realm_access.roles})
   * @param nameClaim the claim that names the caller in errors and logs
   * @param roleMapping claim values that mean a role ({@code kafleet-admins: admin}); a value that
   *     is itself {@code viewer}, {@code operator} or {@code admin} needs no entry
   */
  public record Jwt(
      @DefaultValue("roles") String rolesClaim,
      @DefaultValue("sub") String nameClaim,
      @DefaultValue Map<String, String> roleMapping) {}
}
