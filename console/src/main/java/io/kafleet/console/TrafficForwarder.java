package io.kafleet.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards the console's {@code /traffic/api/v1/**} calls to traffic-service, so that the page
 * talks to one origin only (one certificate to trust, no CORS). placement-service's security has
 * already checked the token's role for the method; traffic-service checks the forwarded token
 * again. The response body is copied as it arrives, so a stream stays a stream.
 */
@RestController
final class TrafficForwarder {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficForwarder.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String NOT_CONFIGURED =
      "traffic-service is not configured: set kafleet.console.traffic-url";

  private final Optional<URI> traffic;
  private final HttpClient client;

  TrafficForwarder(Optional<URI> traffic, HttpClient client) {
    this.traffic = traffic;
    this.client = client;
  }

  @RequestMapping(TrafficForwarding.PREFIX + "/api/v1/**")
  void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (traffic.isEmpty()) {
      error(response, 503, NOT_CONFIGURED);
      return;
    }
    URI base = traffic.get();
    URI target;
    try {
      target =
          TrafficForwarding.upstream(
              base,
              request.getRequestURI().substring(request.getContextPath().length()),
              request.getQueryString());
    } catch (IllegalArgumentException e) {
      error(response, 400, e.getMessage());
      return;
    }
    HttpRequest.Builder upstream =
        HttpRequest.newBuilder(target).method(request.getMethod(), body(request));
    TrafficForwarding.requestHeaders(name -> Collections.list(request.getHeaders(name)))
        .forEach(header -> upstream.header(header.getKey(), header.getValue()));
    HttpResponse<InputStream> answer;
    try {
      answer = client.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      LOG.warn(
          "traffic-service at {} did not answer {} {}: {}",
          base,
          request.getMethod(),
          target,
          e.toString());
      error(response, 502, unreachable(base, e));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(response, 502, "interrupted while calling traffic-service at " + base);
      return;
    }
    try (InputStream body = answer.body()) {
      response.setStatus(answer.statusCode());
      TrafficForwarding.responseHeaders(base, name -> answer.headers().allValues(name))
          .forEach(header -> response.addHeader(header.getKey(), header.getValue()));
      copy(body, response.getOutputStream());
    } catch (IOException e) {
      // The console went away (a closed tab ends its stream) or traffic-service broke off: the
      // answer has begun, nothing more can be said on it; closing the body lets traffic-service go.
      LOG.debug("forwarding {} {} ended early: {}", request.getMethod(), target, e.toString());
    }
  }

  /** The request's body as it arrives; none when it has none (a GET). */
  private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length <= 0 && !chunked) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                return request.getInputStream();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  /** Each piece goes on as soon as it is read: an event stream must not wait for a full buffer. */
  private static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[8192];
    int read;
    while ((read = from.read(buffer)) != -1) {
      to.write(buffer, 0, read);
      to.flush();
    }
  }

  private static String unreachable(URI base, IOException e) {
    String why =
        e instanceof HttpConnectTimeoutException
            ? "no connection within the connect timeout (kafleet.console.traffic-connect-timeout)"
            : e.getMessage() != null
                ? e.getMessage()
                : e instanceof java.net.ConnectException
                    ? "cannot connect (refused, or no route to it)"
                    : e.getClass().getSimpleName();
    String hint =
        e instanceof SSLException || e.getCause() instanceof SSLException
            ? "; set kafleet.console.traffic-ssl-bundle to an SSL bundle that trusts its certificate"
            : "";
    return "traffic-service at " + base + " is unreachable: " + why + hint;
  }

  private static void error(HttpServletResponse response, int status, String reason)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("field", null);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
