package io.kafleet.console;

import io.kafleet.security.PublicPaths;
import java.net.http.HttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console: {@code /} leads to {@code /console/}, whose files ship in this jar under
 * {@code kafleet-console/}. They live outside Spring Boot's default static locations so that only a
 * service importing this configuration serves them, even when several services share a JVM. The
 * page and its scripts need no token (the APIs they call do); {@code /traffic/api/v1/**} is
 * forwarded to traffic-service ({@code kafleet.console.traffic-url}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleSettings.class)
public class ConsoleConfiguration implements WebMvcConfigurer {

  private final ConsoleSettings settings;

  public ConsoleConfiguration(ConsoleSettings settings) {
    this.settings = settings;
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/console/**").addResourceLocations(settings.assets());
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/console/");
    registry.addViewController("/console/").setViewName("forward:/console/index.html");
  }

  /** The page and its scripts: a browser loads them before anyone has signed in. */
  @Bean
  PublicPaths consolePages() {
    return PublicPaths.of("/", "/console", "/console/**");
  }

  @Bean
  TrafficForwarder trafficForwarder(ObjectProvider<SslBundles> bundles) {
    HttpClient.Builder client =
        HttpClient.newBuilder()
            // Tomcat (traffic-service) speaks HTTP/1.1 on plain HTTP: no h2c upgrade to attempt.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.trafficConnectTimeout());
    if (settings.trafficSslBundle() != null) {
      String name = settings.trafficSslBundle();
      SslBundles known =
          bundles.getIfAvailable(
              () -> {
                throw new IllegalArgumentException(
                    "kafleet.console.traffic-ssl-bundle: '" + name + "' but no SSL bundles exist");
              });
      try {
        client.sslContext(known.getBundle(name).createSslContext());
      } catch (NoSuchSslBundleException e) {
        throw new IllegalArgumentException(
            "kafleet.console.traffic-ssl-bundle: no SSL bundle '"
                + name
                + "' (configure it under spring.ssl.bundle.pem."
                + name
                + ".truststore.*)",
            e);
      }
    }
    return new TrafficForwarder(settings.traffic(), client.build());
  }
}
