package io.kafleet.registry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the endpoint of a method and path. Patterns are paths whose {@code {name}} segments match
 * any one segment; a path that some pattern matches under another method is error 405, any other
 * unknown path 404.
 */
final class Router {

  /** Answers a request with the body of a 200 response. */
  @FunctionalInterface
  interface Endpoint {
    Object handle(ApiRequest request);
  }

  record Match(Endpoint endpoint, Map<String, String> pathParameters) {}

  private record Route(String method, List<String> pattern, Endpoint endpoint) {

    Optional<Map<String, String>> match(List<String> segments) {
      if (segments.size() != pattern.size()) {
        return Optional.empty();
      }
      Map<String, String> parameters = new HashMap<>();
      for (int i = 0; i < pattern.size(); i++) {
        String expected = pattern.get(i);
        if (expected.startsWith("{") && expected.endsWith("}")) {
          parameters.put(expected.substring(1, expected.length() - 1), segments.get(i));
        } else if (!expected.equals(segments.get(i))) {
          return Optional.empty();
        }
      }
      return Optional.of(parameters);
    }
  }

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String pattern, Endpoint endpoint) {
    routes.add(new Route(method, split(pattern), endpoint));
    return this;
  }

  /**
   * @param rawPath the path as sent, still URL-encoded, so that an encoded {@code /} inside a
   *     subject name stays inside its segment
   */
  Match route(String method, String rawPath) {
    List<String> segments = decodedSegments(rawPath);
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> parameters = route.match(segments);
      if (parameters.isPresent()) {
        if (route.method().equals(method)) {
          return new Match(route.endpoint(), parameters.get());
        }
        pathKnown = true;
      }
    }
    throw pathKnown ? RegistryException.methodNotAllowed() : RegistryException.notFound();
  }

  private static List<String> decodedSegments(String rawPath) {
    List<String> decoded = new ArrayList<>();
    for (String segment : split(rawPath)) {
      try {
        // URLDecoder decodes forms, where '+' is a space; in a path it is a plus.
        decoded.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw RegistryException.badRequest("Malformed URL encoding in path segment " + segment);
      }
    }
    return decoded;
  }

  private static List<String> split(String path) {
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
  }
}
