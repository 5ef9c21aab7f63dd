package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.AvroFixtures.eventWithDefaultedField;
import static io.kafleet.registry.AvroFixtures.eventWithRequiredField;
import static io.kafleet.registry.AvroFixtures.field;
import static io.kafleet.registry.AvroFixtures.fieldWithDefault;
import static io.kafleet.registry.AvroFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

  @Test
  void backwardRefusesANewFieldWithoutDefaultAndSaysWhy() {
    List<String> problems = check(CompatibilityLevel.BACKWARD, eventWithRequiredField(), eventV1());

    assertThat(problems)
        .as("BACKWARD check of a new required field against version 1")
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                    .contains("owner")
                    .contains("version 1"))
        .contains("{compatibility: 'BACKWARD'}");
  }

  @Test
  void backwardAcceptsANewFieldWithDefault() {
    assertThat(check(CompatibilityLevel.BACKWARD, eventWithDefaultedField(), eventV1()))
        .as("BACKWARD check of a new field with a default")
        .isEmpty();
  }

  @Test
  void forwardLooksTheOtherWay() {
    // Old readers ignore a new field, whatever its default...
    assertThat(check(CompatibilityLevel.FORWARD, eventWithRequiredField(), eventV1()))
        .as("FORWARD check of an added required field")
        .isEmpty();
    // ...but cannot fill a field that the new schema removed and they require.
    String removed = record("Event");
    assertThat(check(CompatibilityLevel.FORWARD, removed, eventV1()))
        .as("FORWARD check of a removed required field")
        .anySatisfy(problem -> assertThat(problem).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    assertThat(check(CompatibilityLevel.BACKWARD, removed, eventV1()))
        .as("BACKWARD check of a removed field")
        .isEmpty();
  }

  @Test
  void fullNeedsBothDirections() {
    assertThat(check(CompatibilityLevel.FULL, eventWithRequiredField(), eventV1()))
        .as("FULL check of an added required field")
        .isNotEmpty();
    assertThat(check(CompatibilityLevel.FULL, eventWithDefaultedField(), eventV1()))
        .as("FULL check of an added defaulted field")
        .isEmpty();
  }

  @Test
  void nonTransitiveLevelsLookAtTheLatestVersionOnly() {
    String v1 = eventV1();
    String v2 = record("Event", field("id", "string"), fieldWithDefault("tag", "string", "\"\""));
    String v3 = record("Event", field("id", "string"), field("tag", "string"));

    assertThat(check(CompatibilityLevel.BACKWARD, v3, v1, v2))
        .as("BACKWARD: v3 (tag required) after v2 (tag with default)")
        .isEmpty();
    assertThat(check(CompatibilityLevel.BACKWARD_TRANSITIVE, v3, v1, v2))
        .as("BACKWARD_TRANSITIVE: v3 must also read v1, which has no tag")
        .anySatisfy(problem -> assertThat(problem).contains("version 1").contains("tag"));
  }

  @Test
  void noneAndAnEmptySubjectAcceptAnything() {
    String unrelated = "\"string\"";
    assertThat(check(CompatibilityLevel.NONE, unrelated, eventV1()))
        .as("NONE check of an unrelated schema")
        .isEmpty();
    assertThat(check(CompatibilityLevel.FULL_TRANSITIVE, unrelated))
        .as("check against no versions")
        .isEmpty();
    assertThat(check(CompatibilityLevel.BACKWARD, unrelated, eventV1()))
        .as("BACKWARD check of a record replaced by a string")
        .anySatisfy(problem -> assertThat(problem).contains("TYPE_MISMATCH"));
  }

  /** Checks the candidate against versions 1..n of the given schemas. */
  private static List<String> check(CompatibilityLevel level, String candidate, String... olds) {
    List<SubjectVersion> versions = new ArrayList<>();
    for (int i = 0; i < olds.length; i++) {
      versions.add(new SubjectVersion("s", i + 1, i + 1, ParsedSchema.parse(olds[i])));
    }
    return CompatibilityChecker.incompatibilities(
        level, ParsedSchema.parse(candidate).schema(), versions);
  }
}
