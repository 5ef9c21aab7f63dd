package io.kafleet.security;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with a read, a write and an admin write, secured as kafleet's services are. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ApiSecurityConfiguration.class, TinyApi.Endpoints.class})
class TinyApi {

  @Bean
  AccessRules accessRules() {
    return AccessRules.withAdminWrites("/api/v1/clusters/**");
  }

  /** Two modules' pages, as the console's: each opens its own. */
  @Bean
  PublicPaths pages() {
    return PublicPaths.of("/", "/pages/**");
  }

  @Bean
  PublicPaths otherPages() {
    return PublicPaths.of("/other-pages/**");
  }

  @RestController
  static class Endpoints {

    @GetMapping("/api/v1/things")
    Map<String, Object> read() {
      return Map.of("things", 1);
    }

    @PostMapping("/api/v1/things")
    Map<String, Object> write() {
      return Map.of("written", true);
    }

    @GetMapping({"/", "/pages/index.html", "/other-pages/index.html"})
    String page() {
      return "<html>a page</html>";
    }

    @PostMapping("/api/v1/clusters/{name}/accept")
    Map<String, Object> accept() {
      return Map.of("accepted", true);
    }
  }
}
