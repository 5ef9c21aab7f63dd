package io.kafleet.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the bearer token from the {@code Authorization} header only (never from the query, where it
 * would end up in logs), and says exactly what is wrong with a malformed one.
 */
public final class BearerTokens implements BearerTokenResolver {

  // RFC 6750's b64token.
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
  private static final String SCHEME = "Bearer ";

  @Override
  public String resolve(HttpServletRequest request) {
    return parse(request.getHeader(HttpHeaders.AUTHORIZATION));
  }

  /** The token in an {@code Authorization} header's value; null when there is no header. */
  public static String parse(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.equalsIgnoreCase(SCHEME.trim())) {
      throw new InvalidBearerTokenException(
          "malformed Authorization header: 'Bearer' without a token");
    }
    // Nothing of the header is echoed: whatever it holds may be a secret.
    if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new InvalidBearerTokenException(
          "malformed Authorization header: it must read 'Bearer <token>'");
    }
    String token = value.substring(SCHEME.length()).trim();
    if (!TOKEN.matcher(token).matches()) {
      throw new InvalidBearerTokenException(
          "malformed bearer token: only letters, digits and -._~+/ (then '=' padding) may appear"
              + " in it");
    }
    return token;
  }
}
