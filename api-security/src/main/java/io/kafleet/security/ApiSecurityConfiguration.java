package io.kafleet.security;

import jakarta.servlet.DispatcherType;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Bearer tokens and roles on a service's API; a service imports it and may declare its {@link
 * AccessRules} (default: reads need viewer, every write operator).
 *
 * <p>Tokens are the static ones of {@code kafleet.security.static-tokens} and, when Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} configures a {@link JwtDecoder} (issuer, JWK
 * set or public key), JWTs. With security enabled and neither, the service refuses to start rather
 * than refuse every call. Health ({@code /actuator/health/**}) and the paths of every {@link
 * PublicPaths} bean need no token; {@code GET /api/v1/whoami} needs any valid token, whatever its
 * role.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecuritySettings.class)
@Import(WhoAmIController.class)
public class ApiSecurityConfiguration {

  /** Actuator's health endpoint and its groups (liveness, readiness): open to every caller. */
  static final String[] HEALTH_PATHS = {"/actuator/health", "/actuator/health/**"};

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiSecuritySettings settings,
      ObjectProvider<AccessRules> accessRules,
      ObjectProvider<PublicPaths> publicPaths,
      ObjectProvider<JwtDecoder> jwtDecoder) {
    http.csrf(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (!settings.enabled()) {
      http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
      return http.build();
    }
    AccessRules rules = accessRules.getIfAvailable(AccessRules::withAdminWrites);
    StaticTokens staticTokens = StaticTokens.of(settings.staticTokens());
    Optional<AuthenticationProvider> jwt =
        Optional.ofNullable(jwtDecoder.getIfAvailable()).map(decoder -> jwt(decoder, settings));
    if (staticTokens.isEmpty() && jwt.isEmpty()) {
      throw new IllegalStateException(
          "kafleet.security.enabled is true but no token can pass: configure"
              + " kafleet.security.static-tokens or a JWT issuer"
              + " (spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or"
              + " public-key-location), or set kafleet.security.enabled=false");
    }
    TokenAuthentication authentication = new TokenAuthentication(staticTokens, jwt);
    ApiSecurityErrors errors = new ApiSecurityErrors(rules);
    // Probes (the kubelet carries no token; health shows no details), and the modules' pages and
    // scripts (the APIs those call check the caller's token).
    String[] open =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(HEALTH_PATHS),
                publicPaths.orderedStream().flatMap(paths -> paths.patterns().stream()))
            .distinct()
            .toArray(String[]::new);
    http.authorizeHttpRequests(
            requests ->
                requests
                    // The error page of a call that was already let through.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(open)
                    .permitAll()
                    // Who the caller is: any valid token may ask, with or without a role.
                    .requestMatchers(HttpMethod.GET, WhoAmIController.PATH)
                    .authenticated()
                    .anyRequest()
                    .access(new RoleAuthorization(rules)))
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .bearerTokenResolver(new BearerTokens())
                    .authenticationManagerResolver(request -> authentication)
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(
            exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    return http.build();
  }

  private static AuthenticationProvider jwt(JwtDecoder decoder, ApiSecuritySettings settings) {
    JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
    provider.setJwtAuthenticationConverter(new JwtRoles(settings.jwt()));
    return provider;
  }
}
