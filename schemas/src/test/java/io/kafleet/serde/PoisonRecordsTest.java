package io.kafleet.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.ObjectRef;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {

  private static final ObjectRef REF = new ObjectRef("apps", "Deployment", "default", "web");

  @Test
  void aValueOfAnExpectedTypeAndATombstoneAreNotPoison() {
    assertThat(PoisonRecords.problem(REF, Work.class, ObjectRef.class)).isEmpty();
    assertThat(PoisonRecords.problem(null, Work.class)).isEmpty();
  }

  @Test
  void unreadableBytesAndAnEventOfAnotherTypeArePoisonWithTheReason() {
    assertThat(PoisonRecords.problem(new Unreadable("the first byte is 1"), Work.class))
        .contains("the first byte is 1");
    assertThat(PoisonRecords.problem(REF, Work.class, StatusEvent.class))
        .contains(
            "the value is a io.kafleet.events.ObjectRef, not a Work or StatusEvent as the topic"
                + " carries");
  }

  @Test
  void aSkipIsDescribedByWhereItIsAndWhyAndKeyedByItsPartition() {
    RecordSkipped skipped =
        PoisonRecords.skipped(
            "traffic-service", "kafleet.templates", 2, 17, "k", "bad", Instant.EPOCH);

    assertThat(PoisonRecords.describe(skipped))
        .isEqualTo("traffic-service skipped the record at kafleet.templates-2@17 (key k): bad");
    assertThat(PoisonRecords.key(skipped)).isEqualTo("skipped/kafleet.templates/2");
  }

  @Test
  void bytesNotInTheWireFormatReadAsUnreadableWithoutAskingTheRegistry() {
    try (var deserializer = new PoisonTolerantDeserializer()) {
      deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1"), false);

      assertThat(deserializer.deserialize("kafleet.templates", new byte[] {1, 2, 3, 4, 5}))
          .isInstanceOfSatisfying(
              Unreadable.class,
              unreadable -> assertThat(unreadable.reason()).contains("the first byte is 1"));
      assertThat(deserializer.deserialize("kafleet.templates", (byte[]) null)).isNull();
    }
  }

  @Test
  void aRegistryThatCannotBeReachedFailsTheReadRatherThanSkipIt() {
    try (var deserializer = new PoisonTolerantDeserializer()) {
      deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1"), false);

      assertThatThrownBy(
              () -> deserializer.deserialize("kafleet.templates", new byte[] {0, 0, 0, 0, 7, 2}))
          .isNotInstanceOf(WireFormatException.class);
    }
  }
}
