package io.kafleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole filter chain on a real server: static tokens, JWTs signed with a test key whose JWK set
 * a JDK HTTP server serves, and the 401/403 answers.
 */
class ApiSecurityIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RSAKey signingKey;
  private static HttpServer jwks;
  private static ConfigurableApplicationContext app;

  @BeforeAll
  static void startTheApi() throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
    byte[] keySet =
        new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keySet.length);
          exchange.getResponseBody().write(keySet);
          exchange.close();
        });
    jwks.start();
    app =
        run(
            "--kafleet.security.static-tokens[0].name=ci-viewer",
            "--kafleet.security.static-tokens[0].role=viewer",
            "--kafleet.security.static-tokens[0].token=viewer-token",
            "--kafleet.security.static-tokens[1].name=deployer",
            "--kafleet.security.static-tokens[1].role=operator",
            "--kafleet.security.static-tokens[1].token-sha256="
                + StaticTokens.sha256Hex("operator-token"),
            "--kafleet.security.static-tokens[2].name=root",
            "--kafleet.security.static-tokens[2].role=admin",
            "--kafleet.security.static-tokens[2].token=admin-token",
            "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:"
                + jwks.getAddress().getPort()
                + "/jwks",
            "--kafleet.security.jwt.roles-claim=groups",
            "--kafleet.security.jwt.role-mapping[kafleet-operators]=operator");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (jwks != null) {
      jwks.stop(0);
    }
  }

  @Test
  void withoutATokenEveryCallIs401WithABearerChallenge() throws Exception {
    HttpResponse<String> response = call("GET", "/api/v1/things", null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"kafleet\"");
    assertThat(response.body())
        .isEqualTo(
            "{\"reason\":\"a bearer token is required: send 'Authorization: Bearer <token>'\","
                + "\"field\":\"Authorization\"}");
  }

  @Test
  void whoamiNamesTheCallerAndItsRoleForAnyValidToken() throws Exception {
    Map<String, String> expected =
        Map.of(
            "viewer-token",
            "{\"name\":\"ci-viewer\",\"role\":\"viewer\"}",
            "operator-token",
            "{\"name\":\"deployer\",\"role\":\"operator\"}",
            "admin-token",
            "{\"name\":\"root\",\"role\":\"admin\"}",
            jwt(signingKey, "alice", List.of("kafleet-operators"), 300),
            "{\"name\":\"alice\",\"role\":\"operator\"}",
            // Valid, but no kafleet role: it may still ask who it is.
            jwt(signingKey, "eve", List.of("sales"), 300),
            "{\"name\":\"eve\",\"role\":null}");
    for (Map.Entry<String, String> token : expected.entrySet()) {
      HttpResponse<String> response = call("GET", "/api/v1/whoami", token.getKey());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(token.getValue());
    }

    HttpResponse<String> anonymous = call("GET", "/api/v1/whoami", null);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.body()).contains("a bearer token is required");
    HttpResponse<String> unknown = call("GET", "/api/v1/whoami", "guessed-token");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(401);
  }

  @Test
  void theModulesPublicPathsNeedNoTokenWhileTheApiStillDoes() throws Exception {
    for (String page : List.of("/", "/pages/index.html", "/other-pages/index.html")) {
      HttpResponse<String> response = call("GET", page, null);
      assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
      assertThat(response.body()).as(page).isEqualTo("<html>a page</html>");
    }
    HttpResponse<String> api = call("GET", "/api/v1/things", null);
    assertThat(api.statusCode()).as("an API path: %s", api.body()).isEqualTo(401);
    HttpResponse<String> write = call("POST", "/api/v1/things", "viewer-token");
    assertThat(write.statusCode()).as("a viewer's write: %s", write.body()).isEqualTo(403);
  }

  @Test
  void healthAndItsProbesNeedNoTokenWhileEveryOtherActuatorEndpointDoes() throws Exception {
    for (String probe : List.of("/actuator/health", "/actuator/health/liveness")) {
      HttpResponse<String> response = call("GET", probe, null);
      assertThat(response.statusCode()).as(probe + ": " + response.body()).isEqualTo(200);
      assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
    }
    HttpResponse<String> index = call("GET", "/actuator", null);
    assertThat(index.statusCode()).as(index.body()).isEqualTo(401);
  }

  @Test
  void aMalformedOrUnknownTokenIs401WithTheReason() throws Exception {
    HttpResponse<String> malformed = callWithHeader("GET", "/api/v1/things", "Bearer not a token");
    assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(401);
    assertThat(malformed.body()).contains("malformed bearer token");
    assertThat(malformed.headers().firstValue("WWW-Authenticate").orElse(""))
        .contains("error=\"invalid_token\"", "malformed bearer token");

    HttpResponse<String> basic = callWithHeader("GET", "/api/v1/things", "Basic dXNlcjpwYXNz");
    assertThat(basic.statusCode()).as(basic.body()).isEqualTo(401);
    assertThat(basic.body()).contains("it must read 'Bearer <token>'");

    HttpResponse<String> unknown = call("GET", "/api/v1/things", "guessed-token");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(401);
    assertThat(unknown.body()).contains("unknown bearer token");
  }

  @Test
  void eachRoleMayDoWhatItIncludesAndA403NamesTheMissingRole() throws Exception {
    assertThat(call("GET", "/api/v1/things", "viewer-token").statusCode()).isEqualTo(200);

    HttpResponse<String> viewerWrite = call("POST", "/api/v1/things", "viewer-token");
    assertThat(viewerWrite.statusCode()).as(viewerWrite.body()).isEqualTo(403);
    assertThat(viewerWrite.body())
        .isEqualTo(
            "{\"reason\":\"operator role required; token 'ci-viewer' has viewer\","
                + "\"field\":\"Authorization\"}");
    assertThat(viewerWrite.headers().firstValue("WWW-Authenticate").orElse(""))
        .contains("error=\"insufficient_scope\"");

    assertThat(call("POST", "/api/v1/things", "operator-token").statusCode()).isEqualTo(200);
    HttpResponse<String> operatorAccept =
        call("POST", "/api/v1/clusters/member1/accept", "operator-token");
    assertThat(operatorAccept.statusCode()).as(operatorAccept.body()).isEqualTo(403);
    assertThat(operatorAccept.body())
        .contains("admin role required; token 'deployer' has operator");

    assertThat(call("POST", "/api/v1/clusters/member1/accept", "admin-token").statusCode())
        .isEqualTo(200);
    assertThat(call("POST", "/api/v1/things", "admin-token").statusCode()).isEqualTo(200);
  }

  @Test
  void aJwtSignedByTheIssuersKeyGetsTheRoleItsClaimMapsTo() throws Exception {
    String alice = jwt(signingKey, "alice", List.of("staff", "kafleet-operators"), 300);

    assertThat(call("GET", "/api/v1/things", alice).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/v1/things", alice).statusCode()).isEqualTo(200);
    HttpResponse<String> accept = call("POST", "/api/v1/clusters/member1/accept", alice);
    assertThat(accept.statusCode()).as(accept.body()).isEqualTo(403);
    assertThat(accept.body()).contains("admin role required; token 'alice' has operator");

    String admin = jwt(signingKey, "bob", List.of("admin"), 300);
    assertThat(call("POST", "/api/v1/clusters/member1/accept", admin).statusCode()).isEqualTo(200);

    HttpResponse<String> noRole =
        call("GET", "/api/v1/things", jwt(signingKey, "eve", List.of("sales"), 300));
    assertThat(noRole.statusCode()).as(noRole.body()).isEqualTo(403);
    assertThat(noRole.body()).contains("viewer role required; token 'eve' has no kafleet role");
  }

  @Test
  void aJwtOfAnotherKeyOrExpiredIs401() throws Exception {
    RSAKey otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
    HttpResponse<String> forged =
        call("GET", "/api/v1/things", jwt(otherKey, "mallory", List.of("admin"), 300));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
    assertThat(forged.body()).contains("Jwt");

    HttpResponse<String> expired =
        call("GET", "/api/v1/things", jwt(signingKey, "alice", List.of("admin"), -600));
    assertThat(expired.statusCode()).as(expired.body()).isEqualTo(401);
    assertThat(expired.body()).contains("expired");
  }

  @Test
  void disabledLetsEveryCallThroughAndEnabledWithoutTokensRefusesToStart() throws Exception {
    try (ConfigurableApplicationContext open = run("--kafleet.security.enabled=false")) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url(open, "/api/v1/things")))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      HttpResponse<String> whoami =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url(open, "/api/v1/whoami"))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
      assertThat(whoami.body()).isEqualTo("{\"name\":\"anonymous\",\"role\":\"admin\"}");
    }

    assertThatThrownBy(() -> run().close())
        .rootCause()
        .hasMessageContaining("kafleet.security.enabled is true but no token can pass");
  }

  private static ConfigurableApplicationContext run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--server.port=0";
    all[1] = "--management.endpoint.health.probes.enabled=true";
    System.arraycopy(args, 0, all, 2, args.length);
    return new SpringApplicationBuilder(TinyApi.class).run(all);
  }

  private static String jwt(RSAKey key, String subject, List<String> groups, long validSeconds)
      throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("groups", groups)
                .issueTime(Date.from(Instant.now().minusSeconds(900)))
                .expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static HttpResponse<String> call(String method, String path, String token)
      throws Exception {
    return callWithHeader(method, path, token == null ? null : "Bearer " + token);
  }

  private static HttpResponse<String> callWithHeader(String method, String path, String header)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(app, path)))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (header != null) {
      request.header("Authorization", header);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String url(ConfigurableApplicationContext context, String path) {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path;
  }
}
