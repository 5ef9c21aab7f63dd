package io.kafleet.console;

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

  static final String ASSETS = "classpath:/kafleet-console/";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/console/**").addResourceLocations(ASSETS);
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/console/");
    registry.addViewController("/console/").setViewName("forward:/console/index.html");
  }
}
