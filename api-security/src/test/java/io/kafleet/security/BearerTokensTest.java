package io.kafleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class BearerTokensTest {

  @Test
  void readsTheTokenOfABearerHeader() {
    assertThat(BearerTokens.parse("Bearer abc.DEF-123_~+/==")).isEqualTo("abc.DEF-123_~+/==");
    assertThat(BearerTokens.parse("bearer  abc ")).isEqualTo("abc");
    assertThat(BearerTokens.parse(null)).isNull();
  }

  @Test
  void saysWhatIsWrongWithAMalformedHeaderWithoutEchoingIt() {
    assertThatThrownBy(() -> BearerTokens.parse("Basic c2VjcmV0"))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessage("malformed Authorization header: it must read 'Bearer <token>'")
        .message()
        .doesNotContain("c2VjcmV0");
    assertThatThrownBy(() -> BearerTokens.parse("Bearer"))
        .hasMessage("malformed Authorization header: 'Bearer' without a token");
    assertThatThrownBy(() -> BearerTokens.parse("Bearer two words"))
        .hasMessageStartingWith("malformed bearer token: only letters, digits and -._~+/");
    assertThatThrownBy(() -> BearerTokens.parse("Bearer t\u00f6ken"))
        .hasMessageStartingWith("malformed bearer token");
  }
}
