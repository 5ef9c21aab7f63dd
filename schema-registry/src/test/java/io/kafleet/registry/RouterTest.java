package io.kafleet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router.Endpoint versions = request -> "versions";
  private final Router.Endpoint version = request -> "version";
  private final Router router =
      new Router()
          .add("GET", "/subjects/{subject}/versions", versions)
          .add("POST", "/subjects/{subject}/versions", request -> "register")
          .add("GET", "/subjects/{subject}/versions/{version}", version);

  @Test
  void matchesLiteralAndNamedSegments() {
    Router.Match match = router.route("GET", "/subjects/orders-value/versions/latest");

    assertThat(match.endpoint()).as("endpoint of GET .../versions/latest").isSameAs(version);
    assertThat(match.pathParameters())
        .as("path parameters")
        .isEqualTo(Map.of("subject", "orders-value", "version", "latest"));
  }

  @Test
  void decodesSegmentsAfterSplittingSoEncodedSlashesStayInTheSubject() {
    Router.Match match = router.route("GET", "/subjects/a%2Fb%20c+d%3A1/versions");

    assertThat(match.pathParameters().get("subject"))
        .as("subject decoded from a%2Fb%20c+d%3A1")
        .isEqualTo("a/b c+d:1");
  }

  @Test
  void toleratesATrailingSlash() {
    assertThat(router.route("GET", "/subjects/s/versions/").endpoint())
        .as("endpoint of a path with a trailing slash")
        .isSameAs(versions);
  }

  @Test
  void unknownPathIs404AndKnownPathWithOtherMethodIs405() {
    assertThatThrownBy(() -> router.route("GET", "/nothing/here"))
        .as("GET /nothing/here")
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.errorCode()).as("error code").isEqualTo(404));
    assertThatThrownBy(() -> router.route("DELETE", "/subjects/s/versions"))
        .as("DELETE /subjects/s/versions")
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).as("HTTP status").isEqualTo(405);
              assertThat(e.errorCode()).as("error code").isEqualTo(405);
            });
  }

  @Test
  void malformedEncodingIsABadRequest() {
    assertThatThrownBy(() -> router.route("GET", "/subjects/%zz/versions"))
        .as("GET /subjects/%zz/versions")
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.errorCode()).as("error code").isEqualTo(400));
  }
}
