package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.sealing.SealingKeys;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinRequestTest {

  private static final KeyPair KEYS = SealingKeys.generate();
  private static final String PUBLIC_KEY = SealingKeys.encode(KEYS.getPublic());

  @Test
  void aGoodJoinKeepsItsLabelsInOrderAndTheKeyInItsCanonicalForm() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("env", "prod");
    labels.put("topology.kubernetes.io/region", "eu-west-1");
    labels.put("empty", "");

    JoinRequest.Checked join =
        JoinRequest.check("member-1", new JoinRequest(labels, " " + PUBLIC_KEY + "\n"));

    assertThat(join.cluster()).isEqualTo("member-1");
    assertThat(join.labels()).containsExactlyEntriesOf(labels);
    assertThat(join.sealingPublicKey()).isEqualTo(PUBLIC_KEY);
  }

  @Test
  void labelsMayBeLeftOut() {
    assertThat(JoinRequest.check("m", new JoinRequest(null, PUBLIC_KEY)).labels()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Member_1",
        "-a",
        "a-",
        "",
        "member.1",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void aNameThatIsNotADnsLabelIsRefusedFirst(String name) {
    assertThatThrownBy(() -> JoinRequest.check(name, new JoinRequest(Map.of("bad key", ""), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("name");
              assertThat(e.reason()).contains("'" + name + "'").contains("not a DNS label");
            });
  }

  @Test
  void aMissingBodyOrKeyIsRefusedOnTheKey() {
    assertRefused("m", null, "sealingPublicKey", "is required");
    assertRefused("m", new JoinRequest(Map.of(), null), "sealingPublicKey", "is required");
    assertRefused("m", new JoinRequest(Map.of(), "  "), "sealingPublicKey", "is required");
  }

  @Test
  void aKeyThatIsNotAnX25519PublicKeyIsRefused() {
    assertRefused("m", new JoinRequest(Map.of(), "not base64!"), "sealingPublicKey", "");
    assertRefused(
        "m",
        new JoinRequest(Map.of(), SealingKeys.encode(KEYS.getPrivate())),
        "sealingPublicKey",
        "");
  }

  @Test
  void badLabelsAreRefusedNamingTheLabel() {
    assertRefused("m", new JoinRequest(Map.of("bad key", "x"), PUBLIC_KEY), "labels", "'bad key'");
    assertRefused("m", new JoinRequest(Map.of("env", "-prod"), PUBLIC_KEY), "labels", "'-prod'");
    assertRefused(
        "m", new JoinRequest(Map.of("Not_DNS/env", "x"), PUBLIC_KEY), "labels", "DNS subdomain");
    assertRefused(
        "m", new JoinRequest(Map.of("env", "x".repeat(64)), PUBLIC_KEY), "labels", "at most 63");
  }

  private static void assertRefused(
      String name, JoinRequest body, String field, String reasonPart) {
    assertThatThrownBy(() -> JoinRequest.check(name, body))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
              assertThat(e.reason()).contains(reasonPart);
            });
  }
}
