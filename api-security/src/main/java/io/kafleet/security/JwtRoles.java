package io.kafleet.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A validated JWT as an API caller: named by the name claim, with the highest kafleet role among
 * the values of the roles claim (each value a role's own name or mapped to one).
 */
public final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

  private final ApiSecuritySettings.Jwt settings;
  private final Map<String, Role> mapping;

  public JwtRoles(ApiSecuritySettings.Jwt settings) {
    this.settings = settings;
    Map<String, Role> mapping = new HashMap<>();
    settings
        .roleMapping()
        .forEach(
            (value, role) ->
                mapping.put(
                    value,
                    Role.ofLabel(role)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "kafleet.security.jwt.role-mapping["
                                        + value
                                        + "]: '"
                                        + role
                                        + "' is not one of viewer, operator, admin"))));
    this.mapping = Map.copyOf(mapping);
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    return new ApiAuthentication(caller(jwt.getClaims()));
  }

  /** The caller the claims describe. */
  public ApiCaller caller(Map<String, Object> claims) {
    Object name = claims.get(settings.nameClaim());
    Optional<Role> role =
        values(claim(claims, settings.rolesClaim())).stream()
            .map(this::role)
            .flatMap(Optional::stream)
            .max(Enum::compareTo);
    return new ApiCaller(
        name == null ? "(no " + settings.nameClaim() + ")" : name.toString(), role);
  }

  private Optional<Role> role(String value) {
    Role mapped = mapping.get(value);
    return mapped != null ? Optional.of(mapped) : Role.ofLabel(value);
  }

  private static Object claim(Map<String, Object> claims, String path) {
    Object value = claims;
    for (String part : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> object)) {
        return null;
      }
      value = object.get(part);
    }
    return value;
  }

  private static List<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof Collection<?> many) {
      many.forEach(value -> values.add(String.valueOf(value)));
    } else if (claim instanceof String one) {
      // A space-separated string, as OAuth's scope claim is written.
      values.addAll(List.of(one.trim().split("\\s+")));
    }
    return values;
  }
}
