package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.AvroFixtures.eventWithDefaultedField;
import static io.kafleet.registry.AvroFixtures.field;
import static io.kafleet.registry.AvroFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The log-order rules that make every instance derive the same state. */
class RegistryStateTest {

  private final RegistryState state = new RegistryState();
  private final String a = canonical(eventV1());
  private final String b = canonical(eventWithDefaultedField());
  private final String c = canonical(record("Other", field("x", "long")));

  @Test
  void acceptsARegistrationAndServesIt() {
    assertThat(state.apply(LogRecord.registration("s", 1, 1, a)))
        .as("first registration")
        .isEqualTo(Outcome.ACCEPTED);

    assertThat(state.liveVersions("s"))
        .as("live versions of s")
        .extracting(SubjectVersion::version, SubjectVersion::id)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1));
    assertThat(state.schema(1).map(ParsedSchema::canonical)).as("schema 1").hasValue(a);
    assertThat(state.nextId()).as("next id").isEqualTo(2);
  }

  @Test
  void anIdTakenByAnotherSchemaFirstIsRefused() {
    state.apply(LogRecord.registration("s1", 1, 1, a));

    assertThat(state.apply(LogRecord.registration("s2", 1, 1, b)))
        .as("second schema proposed with id 1")
        .isEqualTo(Outcome.REJECTED);
    assertThat(state.schema(1).map(ParsedSchema::canonical)).as("schema 1").hasValue(a);
    assertThat(state.subjects(true)).as("subjects").containsExactly("s1");
  }

  @Test
  void aVersionTakenByAnotherSchemaFirstIsRefused() {
    state.apply(LogRecord.registration("s", 1, 1, a));

    assertThat(state.apply(LogRecord.registration("s", 1, 2, b)))
        .as("another schema proposed as version 1")
        .isEqualTo(Outcome.REJECTED);
    assertThat(state.schema(2)).as("schema 2").isEmpty();
    assertThat(state.nextId()).as("next id").isEqualTo(2);
  }

  @Test
  void aSchemaKeepsItsFirstId() {
    state.apply(LogRecord.registration("s1", 1, 1, a));

    assertThat(state.apply(LogRecord.registration("s2", 1, 2, a)))
        .as("the same schema proposed with a second id")
        .isEqualTo(Outcome.REJECTED);
    assertThat(state.apply(LogRecord.registration("s2", 1, 1, a)))
        .as("the same schema under another subject with its id")
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(state.liveUsesOf(1))
        .as("uses of id 1")
        .extracting(SubjectVersion::subject)
        .containsExactly("s1", "s2");
  }

  @Test
  void theSameRegistrationTwiceIsOneFact() {
    state.apply(LogRecord.registration("s", 1, 1, a));

    assertThat(state.apply(LogRecord.registration("s", 1, 1, a)))
        .as("duplicate registration")
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(state.apply(LogRecord.registration("s", 2, 1, a)))
        .as("the same schema as a second live version of the subject")
        .isEqualTo(Outcome.REJECTED);
    assertThat(state.liveVersions("s")).as("live versions").hasSize(1);
  }

  @Test
  void deletionHidesVersionsButKeepsIdsAndVersionNumbers() {
    state.apply(LogRecord.registration("s", 1, 1, a));
    state.apply(LogRecord.registration("s", 2, 2, b));

    assertThat(state.apply(LogRecord.deletion("s", 2)).deletedVersions())
        .as("versions deleted")
        .containsExactly(1, 2);
    assertThat(state.liveVersions("s")).as("live versions after delete").isEmpty();
    assertThat(state.subjects(false)).as("live subjects").isEmpty();
    assertThat(state.subjects(true)).as("subjects including deleted").containsExactly("s");
    assertThat(state.schema(1)).as("schema 1 after delete").isPresent();
    assertThat(state.highestVersion("s")).as("highest version").isEqualTo(2);

    // The same schema again: a new version, the same id.
    assertThat(state.apply(LogRecord.registration("s", 3, 1, a)))
        .as("re-registration after delete")
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(state.apply(LogRecord.deletion("s", 2)).deletedVersions())
        .as("an older deletion again")
        .isEmpty();
    assertThat(state.liveVersions("s"))
        .as("live versions")
        .extracting(SubjectVersion::version)
        .containsExactly(3);
  }

  @Test
  void compatibilityLevelsAreGlobalOrPerSubject() {
    assertThat(state.effectiveLevel("s"))
        .as("default level")
        .isEqualTo(CompatibilityLevel.BACKWARD);

    state.apply(LogRecord.compatibility(null, CompatibilityLevel.FULL));
    state.apply(LogRecord.compatibility("s", CompatibilityLevel.NONE));

    assertThat(state.globalLevel()).as("global level").isEqualTo(CompatibilityLevel.FULL);
    assertThat(state.effectiveLevel("s")).as("level of s").isEqualTo(CompatibilityLevel.NONE);
    assertThat(state.effectiveLevel("t")).as("level of t").isEqualTo(CompatibilityLevel.FULL);
    assertThat(state.subjectLevel("t")).as("own level of t").isEmpty();
  }

  @Test
  void replayingTheSameLogGivesTheSameState() {
    List<LogRecord> log =
        List.of(
            LogRecord.registration("s", 1, 1, a),
            LogRecord.registration("t", 1, 1, b), // loses: id 1 is a's
            LogRecord.registration("t", 1, 2, b),
            LogRecord.registration("s", 2, 3, c),
            LogRecord.deletion("t", 1));
    RegistryState other = new RegistryState();
    List<Outcome> first = log.stream().map(state::apply).toList();
    List<Outcome> second = log.stream().map(other::apply).toList();

    assertThat(second).as("outcomes of a second replay").isEqualTo(first);
    assertThat(other.liveVersions("s"))
        .as("live versions of s in the second replay")
        .isEqualTo(state.liveVersions("s"));
    assertThat(other.nextId()).as("next id in the second replay").isEqualTo(state.nextId());
  }

  private static String canonical(String schema) {
    return ParsedSchema.parse(schema).canonical();
  }
}
