package io.kafleet.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.kafleet.registry.ResponseBodies.RawJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The HTTP side of the API: authentication, routing, JSON in and out, and every failure as a
 * Confluent error body.
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);

  /** The body types Confluent's server consumes. */
  private static final Set<String> ACCEPTED_BODY_TYPES =
      Set.of(
          CONTENT_TYPE,
          "application/vnd.schemaregistry+json",
          "application/json",
          "application/octet-stream");

  private final Router router;
  private final Optional<BasicAuth> auth;
  private final ObjectMapper json;

  RegistryHttpHandler(Router router, Optional<BasicAuth> auth, ObjectMapper json) {
    this.router = router;
    this.auth = auth;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Object body;
      int status;
      try {
        body = respond(exchange);
        status = 200;
      } catch (RegistryException e) {
        body = new ResponseBodies.Error(e.errorCode(), e.getMessage());
        status = e.status();
      } catch (RuntimeException e) {
        log.warn(
            "Failed {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        body = new ResponseBodies.Error(50001, "Error in the backend data store: " + e);
        status = 500;
      }
      write(exchange, status, body);
    } finally {
      exchange.close();
    }
  }

  private Object respond(HttpExchange exchange) throws IOException {
    if (auth.isPresent()
        && !auth.get().permits(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
      throw RegistryException.unauthorized();
    }
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Router.Match match = router.route(method, exchange.getRequestURI().getRawPath());
    JsonNode body =
        method.equals("POST") || method.equals("PUT")
            ? readBody(exchange)
            : MissingNode.getInstance();
    return match
        .endpoint()
        .handle(
            new ApiRequest(
                match.pathParameters(), query(exchange.getRequestURI().getRawQuery()), body));
  }

  private JsonNode readBody(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
        throw RegistryException.unsupportedMediaType(contentType);
      }
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(bytes);
    } catch (JacksonException e) {
      throw RegistryException.badRequest(
          "Unrecognized request body, expected JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] nameValue = pair.split("=", 2);
      try {
        parameters.put(
            URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
            nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
      } catch (IllegalArgumentException e) {
        throw RegistryException.badRequest("Malformed URL encoding in query parameter " + pair);
      }
    }
    return parameters;
  }

  private void write(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes =
        (body instanceof RawJson raw ? raw.text() : json.writeValueAsString(body))
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
      exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body, whatever its status
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
