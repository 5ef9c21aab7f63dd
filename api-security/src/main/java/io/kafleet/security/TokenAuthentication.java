package io.kafleet.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer token: a static token first, else, when an issuer is configured, a JWT;
 * anything else is an unknown token.
 */
final class TokenAuthentication implements AuthenticationManager {

  private final StaticTokens staticTokens;
  private final Optional<AuthenticationProvider> jwt;

  TokenAuthentication(StaticTokens staticTokens, Optional<AuthenticationProvider> jwt) {
    this.staticTokens = staticTokens;
    this.jwt = jwt;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
      throw new InvalidBearerTokenException("not a bearer token");
    }
    String token = bearer.getToken();
    Optional<ApiCaller> caller = staticTokens.find(token);
    if (caller.isPresent()) {
      return new ApiAuthentication(caller.get());
    }
    if (jwt.isPresent() && looksLikeJwt(token)) {
      return jwt.get().authenticate(bearer);
    }
    throw new InvalidBearerTokenException(
        jwt.isPresent()
            ? "unknown bearer token: neither a configured static token nor a JWT"
            : "unknown bearer token: not one of the configured static tokens");
  }

  private static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }
}
