package io.kafleet.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.ClusterCondition;
import io.kafleet.events.Work;
import java.time.Duration;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

/** Header errors are found before any registry call, so no registry runs here. */
class WireFormatHeaderTest {

  private final KafleetAvroDeserializer<Work> deserializer =
      new KafleetAvroDeserializer<>(
          new SchemaRegistryClient("http://127.0.0.1:9", null, Duration.ofMillis(200)));

  @Test
  void aWrongMagicByteIsNamed() {
    assertThatThrownBy(
            () -> deserializer.deserialize("kafleet.es.member1", new byte[] {7, 0, 0, 0, 1, 2}))
        .isInstanceOfSatisfying(
            WireFormatException.BadMagicByte.class,
            e -> {
              assertThat(e.found()).isEqualTo((byte) 7);
              assertThat(e.topic()).isEqualTo("kafleet.es.member1");
            })
        .hasMessageContaining("kafleet.es.member1")
        .hasMessageContaining("first byte is 7");
  }

  @Test
  void aPayloadShorterThanTheHeaderIsTruncated() {
    assertThatThrownBy(() -> deserializer.deserialize("kafleet.es.member1", new byte[] {0, 0, 1}))
        .isInstanceOf(WireFormatException.Truncated.class)
        .hasMessageContaining("holds 3 bytes");
  }

  @Test
  void aTombstoneReadsAsNull() {
    assertThat(deserializer.deserialize("kafleet.es.member1", (byte[]) null)).isNull();
  }

  @Test
  void generatedEventsAreTrustedWithoutSerializablePackagesSetByHand() {
    assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
    // Building a heartbeat with its nested ClusterCondition records goes through Avro's checks.
    assertThat(SampleEvents.heartbeat().getConditions()).hasSize(1);
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(ClusterCondition.class))
        .as("Avro trusts %s", ClusterCondition.class)
        .isTrue();
  }
}
