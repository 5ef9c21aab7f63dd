package io.kafleet.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console: {@code /} leads to {@code /console/}, whose files ship in this jar under
 * {@code kafleet-console/}. They live outside Spring Boot's default static locations so that only a
 * service importing this configuration serves them, even when several services share a JVM.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration implements WebMvcConfigurer {

  private final String assets;

  /**
   * @param assets where the files are read from; a directory ({@code file:.../kafleet-console/})
   *     lets whoever works on the pages see a change on reload
   */
  public ConsoleConfiguration(
      @Value("${kafleet.console.assets:classpath:/kafleet-console/}") String assets) {
    this.assets = assets;
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/console/**").addResourceLocations(assets);
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/console/");
    registry.addViewController("/console/").setViewName("forward:/console/index.html");
  }
}
