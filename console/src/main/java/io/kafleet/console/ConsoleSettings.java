package io.kafleet.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kafleet.console.*}: where the console's traffic pages find traffic-service, which
 * placement-service forwards {@code /traffic/api/v1/**} to.
 *
 * @param trafficUrl traffic-service's URL ({@code https://traffic-service:8081}); blank: the
 *     forwarder answers 503 and the console's traffic pages stay empty
 * @param trafficSslBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust
 *     material verifies traffic-service's certificate; blank: the JVM's default trust store
 * @param trafficConnectTimeout how long the forwarder waits to connect before answering 502
 * @param assets where the page's files are read from; a directory ({@code
 *     file:console/src/main/resources/kafleet-console/}) lets whoever works on them see a change on
 *     reload
 */
@ConfigurationProperties("kafleet.console")
public record ConsoleSettings(
    String trafficUrl,
    String trafficSslBundle,
    @DefaultValue("5s") Duration trafficConnectTimeout,
    @DefaultValue("classpath:/kafleet-console/") String assets) {

  public ConsoleSettings {
    trafficUrl = blankToNull(trafficUrl);
    trafficSslBundle = blankToNull(trafficSslBundle);
    if (trafficUrl != null) {
      parse(trafficUrl);
    }
    if (trafficConnectTimeout == null
        || trafficConnectTimeout.isNegative()
        || trafficConnectTimeout.isZero()) {
      throw new IllegalArgumentException(
          "kafleet.console.traffic-connect-timeout: must be positive, not "
              + trafficConnectTimeout);
    }
  }

  /** traffic-service's URL, when configured. */
  public Optional<URI> traffic() {
    return Optional.ofNullable(trafficUrl).map(ConsoleSettings::parse);
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "kafleet.console.traffic-url: '"
                + url
                + "' is not an http(s) URL with a host and no query"
                + " (e.g. https://traffic-service:8081)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "kafleet.console.traffic-url: '" + url + "' is not a URL: " + e.getMessage(), e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
