package io.kafleet.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.agent.Works;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SealingKeys;
import io.kafleet.sealing.SecretManifests;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretOpenerTest {

  private static final ObjectKey KEY = ObjectKey.parse("core/Secret/shop/db");
  private static final String SECRET =
      "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\","
          + "\"namespace\":\"shop\"},\"stringData\":{\"password\":\"hunter2\"}}";
  private final KeyPair member1 = SealingKeys.generate();

  @Test
  void opensASecretSealedForItsClusterAndPassesOtherWorksThrough() throws Exception {
    SecretOpener opener = new SecretOpener(Optional.of(member1.getPrivate()), "member1");

    assertThat(opener.manifestOf(KEY, sealed("member1", member1)))
        .contains("\"stringData\":{\"password\":\"hunter2\"}");
    Work plain = Works.raw("member1", KEY.toString(), "v1", SECRET);
    assertThat(opener.manifestOf(KEY, plain)).isEqualTo(SECRET);
  }

  @Test
  void refusesWhatItCannotOpenWithoutTheValues() {
    SecretOpener opener = new SecretOpener(Optional.of(member1.getPrivate()), "member1");
    SecretOpener keyless = new SecretOpener(Optional.empty(), "member1");

    assertThatThrownBy(() -> opener.manifestOf(KEY, sealed("member1", SealingKeys.generate())))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageStartingWith("the sealed values do not open with this agent's key")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> opener.manifestOf(KEY, sealed("member2", member1)))
        .as("sealed for the same key but for another cluster's topic")
        .isInstanceOf(InvalidManifestException.class);
    assertThatThrownBy(() -> keyless.manifestOf(KEY, sealed("member1", member1)))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("the agent has no sealing key: set KAFLEET_SEALING_PRIVATE_KEY");
  }

  private static Work sealed(String cluster, KeyPair pair) {
    SecretManifests.Sealed sealed =
        SecretManifests.seal(SECRET, pair.getPublic(), cluster, KEY.toString());
    Work work = Works.raw("member1", KEY.toString(), "v1", sealed.manifest());
    work.setSealedData(sealed.envelope());
    return work;
  }
}
