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

  @Test
  void refusesANameKubeApiserverWouldRefuseNamingTheDocumentTheObjectAndTheField() {
    String documents = configMap("fine", "y") + "---\n" + configMap("UpperCase_Name", "z");

    assertThatThrownBy(() -> Submissions.read("bad.yaml", documents, LIMIT))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> {
              InvalidInputException invalid = (InvalidInputException) e;
              assertThat(invalid.field())
                  .isEqualTo("bad.yaml document 1 (ConfigMap UpperCase_Name) metadata.name");
              assertThat(invalid.reason())
                  .startsWith("\"UpperCase_Name\" is not a valid ConfigMap name");
            });
  }

  @Test
  void reportsEveryBadLabelOfADocumentAtOnce() {
    String labelled =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: team-a\n"
            + "  labels: {'-x': ok, y: 'not ok'}\n";

    assertThatThrownBy(() -> Submissions.read("l.yaml", labelled, LIMIT))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).violations())
                    .extracting(v -> v.field())
                    .containsExactly(
                        "l.yaml document 0 (ConfigMap team-a/a) metadata.labels[\"-x\"]",
                        "l.yaml document 0 (ConfigMap team-a/a) metadata.labels[\"y\"]"));
  }

  private static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\ndata:\n  blob: "
        + value
        + "\n";
  }
}
