package io.kafleet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

  private final BasicAuth auth = new BasicAuth("fleet:s3cret:with-colon");

  @Test
  void permitsTheConfiguredCredentialsOnly() {
    assertThat(auth.permits(basic("fleet:s3cret:with-colon"))).as("right password").isTrue();
    assertThat(auth.permits("basic " + encoded("fleet:s3cret:with-colon")))
        .as("lower-case scheme")
        .isTrue();
    assertThat(auth.permits(basic("fleet:wrong"))).as("wrong password").isFalse();
    assertThat(auth.permits(null)).as("no header").isFalse();
    assertThat(auth.permits("Bearer abc")).as("another scheme").isFalse();
    assertThat(auth.permits("Basic !!!")).as("not base64").isFalse();
  }

  private static String basic(String userInfo) {
    return "Basic " + encoded(userInfo);
  }

  private static String encoded(String userInfo) {
    return Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
