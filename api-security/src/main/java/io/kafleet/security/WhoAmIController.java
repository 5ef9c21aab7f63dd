package io.kafleet.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/whoami}: the caller a token stands for, so that a client (the console) can
 * show who is signed in and offer only what the role may do. With security disabled every caller
 * may do everything: {@code anonymous}, {@code admin}.
 */
@RestController
class WhoAmIController {

  static final String PATH = "/api/v1/whoami";

  private final ApiSecuritySettings settings;

  WhoAmIController(ApiSecuritySettings settings) {
    this.settings = settings;
  }

  @GetMapping(PATH)
  Map<String, Object> whoami() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return describe(
        settings.enabled(), authentication instanceof ApiAuthentication api ? api.caller() : null);
  }

  /** The answer for a caller (null: none authenticated); a token without a kafleet role: null. */
  static Map<String, Object> describe(boolean securityEnabled, ApiCaller caller) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!securityEnabled || caller == null) {
      body.put("name", "anonymous");
      body.put("role", securityEnabled ? null : Role.ADMIN.label());
    } else {
      body.put("name", caller.name());
      body.put("role", caller.role().map(Role::label).orElse(null));
    }
    return body;
  }
}
