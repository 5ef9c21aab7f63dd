package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReaderRequestTest {

  private static final Topics TOPICS = new Topics("t1.");

  @Test
  void withoutABodyOrAPrefixTheGroupsAreThoseOfTheReadersName() {
    for (ReaderRequest body : new ReaderRequest[] {null, new ReaderRequest(null)}) {
      ReaderRequest.Checked checked = ReaderRequest.check("grafana", body, TOPICS);

      assertThat(checked.reader()).isEqualTo("grafana");
      assertThat(checked.plan().groupPrefix()).isEqualTo("grafana-");
      assertThat(checked.plan().user()).isEqualTo("kafleet-reader-grafana");
    }
  }

  @Test
  void aPrefixOfItsOwnIsTakenAsWritten() {
    assertThat(
            ReaderRequest.check("grafana", new ReaderRequest("team-a.dash_"), TOPICS)
                .plan()
                .groupPrefix())
        .isEqualTo("team-a.dash_");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Grafana", "-a", "a_b", "x.y", ""})
  void aNameThatIsNotADnsLabelIsA400OnName(String name) {
    assertThatThrownBy(() -> ReaderRequest.check(name, null, TOPICS))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("name");
              assertThat(e.reason()).contains("not a DNS label");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "*", "team a-", "grafana", "team*", "ü-"})
  void anEmptyOrMalformedPrefixIsA400OnGroupPrefix(String prefix) {
    assertThatThrownBy(() -> ReaderRequest.check("grafana", new ReaderRequest(prefix), TOPICS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("groupPrefix"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kafleet-",
        "kafleet.",
        "kafleet-x-",
        "kafleet-agent-member1-",
        "kafleet-events-",
        "t1.",
        "t1.kafleet-traffic-",
        "schema-"
      })
  void aPrefixThatCoversKafleetsOwnGroupsIsA400NamingThem(String prefix) {
    assertThatThrownBy(() -> ReaderRequest.check("grafana", new ReaderRequest(prefix), TOPICS))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("groupPrefix");
              assertThat(e.reason()).contains("would cover kafleet's own consumer groups");
            });
  }

  @Test
  void aReaderNamedLikeKafleetNeedsAPrefixOfItsOwn() {
    assertThatThrownBy(() -> ReaderRequest.check("kafleet", null, TOPICS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("groupPrefix"));
    assertThat(
            ReaderRequest.check("kafleet", new ReaderRequest("dashboards-"), TOPICS).plan().user())
        .isEqualTo("kafleet-reader-kafleet");
  }
}
