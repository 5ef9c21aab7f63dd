package io.kafleet.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class SecretManifestsTest {

  private static final String KEY = "core/Secret/default/db";
  private static final String SECRET =
      "{\"apiVersion\":\"v1\",\"data\":{\"password\":\"aHVudGVyMg==\"},\"kind\":\"Secret\","
          + "\"metadata\":{\"labels\":{\"app\":\"db\"},\"name\":\"db\",\"namespace\":\"default\"},"
          + "\"stringData\":{\"user\":\"admin\"},\"type\":\"Opaque\"}";
  private final KeyPair member1 = SealingKeys.generate();
  private final KeyPair member2 = SealingKeys.generate();

  @Test
  void sealsTheValuesOnlyAndOpensToTheWholeSecret() {
    SecretManifests.Sealed sealed =
        SecretManifests.seal(SECRET, member1.getPublic(), "member1", KEY);

    assertThat(sealed.manifest())
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"labels\":{\"app\":\"db\"},"
                + "\"name\":\"db\",\"namespace\":\"default\"},\"type\":\"Opaque\"}");
    assertThat(sealed.envelope()).doesNotContain("aHVudGVyMg").doesNotContain("admin");
    assertThat(
            SecretManifests.open(
                sealed.manifest(), sealed.envelope(), member1.getPrivate(), "member1", KEY))
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"labels\":{\"app\":\"db\"},"
                + "\"name\":\"db\",\"namespace\":\"default\"},\"type\":\"Opaque\","
                + "\"data\":{\"password\":\"aHVudGVyMg==\"},\"stringData\":{\"user\":\"admin\"}}");
  }

  @Test
  void doesNotOpenInAnotherClusterOnAnotherObjectOrWithItsReadablePartChanged() {
    SecretManifests.Sealed sealed =
        SecretManifests.seal(SECRET, member1.getPublic(), "member1", KEY);

    assertThatThrownBy(
            () ->
                SecretManifests.open(
                    sealed.manifest(), sealed.envelope(), member1.getPrivate(), "member2", KEY))
        .isInstanceOf(SealingException.class);
    assertThatThrownBy(
            () ->
                SecretManifests.open(
                    sealed.manifest(),
                    sealed.envelope(),
                    member1.getPrivate(),
                    "member1",
                    "core/Secret/default/other"))
        .isInstanceOf(SealingException.class);
    assertThatThrownBy(
            () ->
                SecretManifests.open(
                    sealed.manifest().replace("\"db\"}", "\"web\"}"),
                    sealed.envelope(),
                    member1.getPrivate(),
                    "member1",
                    KEY))
        .isInstanceOf(SealingException.class);
    assertThatThrownBy(
            () ->
                SecretManifests.open(
                    sealed.manifest(), sealed.envelope(), member2.getPrivate(), "member1", KEY))
        .isInstanceOf(SealingException.class)
        .hasMessageNotContaining("aHVudGVyMg");
  }

  @Test
  void refusesManifestsThatAreNotJsonObjectsWithoutQuotingThem() {
    assertThatThrownBy(
            () -> SecretManifests.seal("{\"data\": hunter2", member1.getPublic(), "member1", KEY))
        .isInstanceOf(SealingException.class)
        .hasMessageStartingWith("the Secret's manifest is not JSON")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> SecretManifests.seal("[]", member1.getPublic(), "member1", KEY))
        .isInstanceOf(SealingException.class)
        .hasMessage("the Secret's manifest is not a JSON object");
  }

  @Test
  void knowsSecretsByTheirKey() {
    assertThat(SecretManifests.isSecret(KEY)).isTrue();
    assertThat(SecretManifests.isSecret("core/ConfigMap/default/db")).isFalse();
    assertThat(SecretManifests.isSecret("example.com/Secret/default/db")).isFalse();
  }
}
