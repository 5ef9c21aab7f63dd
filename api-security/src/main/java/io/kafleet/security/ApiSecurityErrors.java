package io.kafleet.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 in the services' error shape, {@code {"reason", "field"}}, with the {@code
 * WWW-Authenticate: Bearer} challenge of RFC 6750. A 403 names the role required and the one the
 * token has.
 */
final class ApiSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NO_TOKEN =
      "a bearer token is required: send 'Authorization: Bearer <token>'";

  private final AccessRules rules;

  ApiSecurityErrors(AccessRules rules) {
    this.rules = rules;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof OAuth2AuthenticationException invalid) {
      String reason =
          invalid.getError().getDescription() != null
              ? invalid.getError().getDescription()
              : String.valueOf(e.getMessage());
      write(response, 401, challenge("invalid_token", reason), reason);
    } else {
      write(response, 401, "Bearer realm=\"kafleet\"", NO_TOKEN);
    }
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof ApiAuthentication api)) {
      write(response, 401, "Bearer realm=\"kafleet\"", NO_TOKEN);
      return;
    }
    Role required = RoleAuthorization.required(rules, request);
    String reason =
        required.label()
            + " role required; token '"
            + api.caller().name()
            + "' "
            + api.caller().holds();
    write(response, 403, challenge("insufficient_scope", reason), reason);
  }

  private static String challenge(String error, String description) {
    // A quoted header value may hold printable ASCII except '"' and '\'.
    String safe = description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "'");
    return "Bearer realm=\"kafleet\", error=\"" + error + "\", error_description=\"" + safe + "\"";
  }

  private static void write(
      HttpServletResponse response, int status, String challenge, String reason)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("field", "Authorization");
    response.setStatus(status);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
