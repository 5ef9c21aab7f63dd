package io.kafleet.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a call to {@code /traffic/api/v1/**} on placement-service maps to traffic-service's {@code
 * /api/v1/**}, and which headers cross in each direction. Only the headers named here cross: the
 * hop-by-hop ones ({@code Connection}, {@code Transfer-Encoding}, {@code Keep-Alive}...) and
 * anything else the browser sends (cookies) stay on their own hop.
 */
final class TrafficForwarding {

  /** What the console calls on placement-service's origin. */
  static final String PREFIX = "/traffic";

  static final String API = "/api/v1/";

  /**
   * Request headers forwarded; {@code Last-Event-ID} lets a stream resume through the forwarder.
   */
  static final List<String> REQUEST_HEADERS =
      List.of("Content-Type", "Accept", "Authorization", "Last-Event-ID");

  /**
   * Response headers returned ({@code Retry-After}: a standby's 503); a {@code Location} is
   * rewritten to the forwarded path.
   */
  static final List<String> RESPONSE_HEADERS =
      List.of("Content-Type", "Cache-Control", "WWW-Authenticate", "Retry-After", "Location");

  private static final Set<String> DOT_SEGMENTS =
      Set.of(".", "..", "%2e", "%2e%2e", ".%2e", "%2e.");

  private TrafficForwarding() {}

  /**
   * traffic-service's URI for a forwarded call.
   *
   * @param base traffic-service's URL ({@code https://traffic:8081}, perhaps with a path prefix)
   * @param requestPath the path as received, still percent-encoded, without the context path
   * @param rawQuery the query as received (encoded), or null
   * @throws IllegalArgumentException for a path outside {@code /traffic/api/v1/} or one with dot
   *     segments, which could lead out of traffic-service's API
   */
  static URI upstream(URI base, String requestPath, String rawQuery) {
    if (!requestPath.startsWith(PREFIX + API)) {
      throw new IllegalArgumentException(
          "only " + PREFIX + API + "** is forwarded to traffic-service, not " + requestPath);
    }
    String path = requestPath.substring(PREFIX.length());
    for (String segment : path.split("/", -1)) {
      if (DOT_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "a forwarded path may not hold '.' or '..' segments: " + requestPath);
      }
    }
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
  }

  /**
   * The headers sent to traffic-service, in {@link #REQUEST_HEADERS}' order.
   *
   * @param received a header's values as received (any case of its name), empty when absent
   */
  static List<Map.Entry<String, String>> requestHeaders(Function<String, List<String>> received) {
    return pick(REQUEST_HEADERS, received);
  }

  /**
   * The headers returned to the console, in {@link #RESPONSE_HEADERS}' order, a {@code Location} on
   * traffic-service's API rewritten to the forwarded path.
   */
  static List<Map.Entry<String, String>> responseHeaders(
      URI base, Function<String, List<String>> upstream) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> header : pick(RESPONSE_HEADERS, upstream)) {
      headers.add(
          header.getKey().equals("Location")
              ? Map.entry("Location", location(base, header.getValue()))
              : header);
    }
    return headers;
  }

  /** {@code /api/v1/shifts/s1} (or the same under traffic-service's URL) as the console sees it. */
  static String location(URI base, String location) {
    String root = base.toString().replaceAll("/+$", "");
    String basePath = Optional.ofNullable(base.getRawPath()).orElse("").replaceAll("/+$", "");
    for (String prefix : List.of(root + API, basePath + API)) {
      if (location.startsWith(prefix)) {
        return PREFIX + API + location.substring(prefix.length());
      }
    }
    return location;
  }

  private static List<Map.Entry<String, String>> pick(
      List<String> names, Function<String, List<String>> headers) {
    List<Map.Entry<String, String>> picked = new ArrayList<>();
    for (String name : names) {
      for (String value : headers.apply(name)) {
        picked.add(Map.entry(name, value));
      }
    }
    return picked;
  }

  /** Headers by name, whatever the case (as HTTP reads them). */
  static Function<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> byName.merge(name, values, TrafficForwarding::concat));
    return name -> byName.getOrDefault(name, List.of());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
