package io.kafleet.placement.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.sealing.SealingException;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TemplateSealingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String YAML =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop, labels: {app: db}}
      stringData: {password: hunter2}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: db, namespace: shop}
      data: {mode: fast}
      """;

  private final TemplateSealing sealing = new TemplateSealing(Optional.of(key(1)), false);

  @Test
  void storesASecretTemplateWithItsValuesSealedAndReadsItBackWhole() {
    Submission secret = submission(0);
    String document = JSON.writeValueAsString(secret.document());

    TemplateSealing.StoredForm stored = sealing.seal(secret, document);

    assertThat(stored.document()).doesNotContain("hunter2").contains("\"app\":\"db\"");
    assertThat(stored.sealedData()).startsWith("kft1.").doesNotContain("hunter2");
    assertThat(JSON.readTree(sealing.open(secret.key(), stored.document(), stored.sealedData())))
        .isEqualTo(secret.document());
  }

  @Test
  void storesOtherObjectsAsSubmitted() {
    Submission config = submission(1);
    String document = JSON.writeValueAsString(config.document());

    assertThat(sealing.seal(config, document))
        .isEqualTo(new TemplateSealing.StoredForm(document, null));
  }

  @Test
  void anotherKeyOrAnotherObjectDoesNotOpenIt() {
    Submission secret = submission(0);
    TemplateSealing.StoredForm stored =
        sealing.seal(secret, JSON.writeValueAsString(secret.document()));
    TemplateSealing other = new TemplateSealing(Optional.of(key(2)), false);

    assertThatThrownBy(() -> other.open(secret.key(), stored.document(), stored.sealedData()))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("do not open")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(
            () -> sealing.open(submission(1).key(), stored.document(), stored.sealedData()))
        .isInstanceOf(SealingException.class);
  }

  @Test
  void withoutAKeyASecretTemplateIsRefusedUnlessPlainTextIsAllowed() {
    Submission secret = submission(0);
    String document = JSON.writeValueAsString(secret.document());

    assertThatThrownBy(() -> new TemplateSealing(Optional.empty(), false).seal(secret, document))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "placement-service has no kafleet.secrets.control-plane-key: Secret templates are"
                + " never stored in plain text");
    assertThat(new TemplateSealing(Optional.empty(), true).seal(secret, document).sealedData())
        .isNull();
  }

  private static Submission submission(int index) {
    return Submissions.read("test.yaml", YAML, Integer.MAX_VALUE).get(index);
  }

  private static byte[] key(int value) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) value);
    return key;
  }
}
