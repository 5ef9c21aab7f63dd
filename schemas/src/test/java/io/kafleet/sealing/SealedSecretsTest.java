package io.kafleet.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SealedSecretsTest {

  private static final String AAD = "member1\ncore/Secret/default/db";
  private final KeyPair member1 = SealingKeys.generate();
  private final KeyPair member2 = SealingKeys.generate();

  @Test
  void opensWhatItSealedAndNeverSealsTheSameWayTwice() {
    String first = SealedSecrets.seal("hunter2", member1.getPublic(), AAD);
    String second = SealedSecrets.seal("hunter2", member1.getPublic(), AAD);

    assertThat(SealedSecrets.open(first, member1.getPrivate(), AAD)).isEqualTo("hunter2");
    assertThat(first).startsWith("kfs1.").doesNotContain("hunter2").isNotEqualTo(second);
  }

  @Test
  void anotherClustersKeyDoesNotOpenIt() {
    String sealed = SealedSecrets.seal("hunter2", member1.getPublic(), AAD);

    assertThatThrownBy(() -> SealedSecrets.open(sealed, member2.getPrivate(), AAD))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("sealed for another key")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anotherAadDoesNotOpenIt() {
    String sealed = SealedSecrets.seal("hunter2", member1.getPublic(), AAD);

    assertThatThrownBy(
            () ->
                SealedSecrets.open(sealed, member1.getPrivate(), "member2\ncore/Secret/default/db"))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("another cluster/object");
  }

  @Test
  void aChangedCiphertextDoesNotOpen() {
    String sealed = SealedSecrets.seal("hunter2", member1.getPublic(), AAD);
    byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring("kfs1.".length()));
    bytes[bytes.length - 20] ^= 1;
    String tampered = "kfs1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThatThrownBy(() -> SealedSecrets.open(tampered, member1.getPrivate(), AAD))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("was changed");
  }

  @Test
  void refusesWhatIsNotAnEnvelopeSayingWhy() {
    assertThatThrownBy(() -> SealedSecrets.open("hunter2", member1.getPrivate(), AAD))
        .isInstanceOf(SealingException.class)
        .hasMessage("not a sealed envelope: it does not start with kfs1.");
    assertThatThrownBy(() -> SealedSecrets.open("kfs1.!!", member1.getPrivate(), AAD))
        .isInstanceOf(SealingException.class)
        .hasMessage("malformed sealed envelope: not base64url after kfs1.");
    assertThatThrownBy(() -> SealedSecrets.open("kfs1.AAAA", member1.getPrivate(), AAD))
        .isInstanceOf(SealingException.class)
        .hasMessage("malformed sealed envelope: 3 bytes, too short to be one");
  }

  @Test
  void keysRoundTripAsBase64AndBadOnesAreRefusedWithoutEchoingThem() {
    String publicKey = SealingKeys.encode(member1.getPublic());
    String privateKey = SealingKeys.encode(member1.getPrivate());
    String sealed = SealedSecrets.seal("hunter2", SealingKeys.publicKey(publicKey), AAD);

    assertThat(SealedSecrets.open(sealed, SealingKeys.privateKey(privateKey), AAD))
        .isEqualTo("hunter2");
    assertThatThrownBy(() -> SealingKeys.publicKey("not-base64!"))
        .isInstanceOf(SealingException.class)
        .hasMessage("the public key is not base64");
    assertThatThrownBy(() -> SealingKeys.publicKey(privateKey))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("not an X25519 public key");
    assertThatThrownBy(() -> SealingKeys.privateKey(publicKey))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("not an X25519 private key");
    assertThatThrownBy(() -> SealingKeys.privateKey(" "))
        .isInstanceOf(SealingException.class)
        .hasMessage("the private key is empty");
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    HexFormat hex = HexFormat.of();
    byte[] okm =
        Hkdf.derive(
            hex.parseHex("000102030405060708090a0b0c"),
            hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            hex.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);

    assertThat(hex.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865");
  }

  @Test
  void sealsBytesAsWell() {
    byte[] value = {0, 1, 2, (byte) 0xff};
    String sealed =
        SealedSecrets.seal(value, member1.getPublic(), AAD.getBytes(StandardCharsets.UTF_8));

    assertThat(
            SealedSecrets.open(sealed, member1.getPrivate(), AAD.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(value);
  }
}
