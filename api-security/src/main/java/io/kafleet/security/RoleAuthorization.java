package io.kafleet.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Grants a call when the caller's role includes the one the access rules require for it. */
final class RoleAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  private final AccessRules rules;

  RoleAuthorization(AccessRules rules) {
    this.rules = rules;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    return new AuthorizationDecision(
        authentication.get() instanceof ApiAuthentication api
            && api.caller().may(required(rules, context.getRequest())));
  }

  static Role required(AccessRules rules, HttpServletRequest request) {
    return rules.required(
        request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
  }
}
