package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubmissionsTest {

  private static final int LIMIT = 1_000_000;

  @Test
  void refusesAnObjectLargerThanOneKafkaRecordNamingTheLimit() {
    String twoMiB = configMap("big", "x".repeat(2 * 1024 * 1024));
    String small = configMap("small", "y");

    assertThatThrownBy(() -> Submissions.read("big.yaml", small + "---\n" + twoMiB, LIMIT))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> {
              InvalidInputException invalid = (InvalidInputException) e;
              assertThat(invalid.field()).isEqualTo("big.yaml document 1");
              assertThat(invalid.reason())
                  .contains("core/ConfigMap/default/big is 2097")
                  .contains("the limit is 1000000 bytes (kafleet.kafka.max-object-bytes");
            });
  }

  @Test
  void acceptsAnObjectJustUnderTheLimit() {
    assertThat(Submissions.read("ok.yaml", configMap("ok", "z".repeat(900_000)), LIMIT)).hasSize(1);
  }

  private static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\ndata:\n  blob: "
        + value
        + "\n";
  }
}
