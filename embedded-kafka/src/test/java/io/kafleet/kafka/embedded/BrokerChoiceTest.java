package io.kafleet.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BrokerChoiceTest {

  private final AtomicInteger dockerAsked = new AtomicInteger();

  private BooleanSupplier docker(boolean answers) {
    return () -> {
      dockerAsked.incrementAndGet();
      return answers;
    };
  }

  @Test
  void aDockerEngineAndTestcontainersGiveTheContainer() {
    assertThat(BrokerChoice.choose(null, true, docker(true))).isEqualTo(BrokerChoice.CONTAINER);
    assertThat(BrokerChoice.choose("auto", true, docker(true))).isEqualTo(BrokerChoice.CONTAINER);
    assertThat(BrokerChoice.choose(" AUTO ", true, docker(true))).isEqualTo(BrokerChoice.CONTAINER);
  }

  @Test
  void withoutADockerEngineTheEmbeddedBrokerIsUsed() {
    assertThat(BrokerChoice.choose(null, true, docker(false))).isEqualTo(BrokerChoice.EMBEDDED);
    assertThat(BrokerChoice.choose("", true, docker(false))).isEqualTo(BrokerChoice.EMBEDDED);
    assertThat(dockerAsked).hasValue(2);
  }

  @Test
  void withoutTestcontainersDockerIsNotEvenAsked() {
    assertThat(BrokerChoice.choose("auto", false, docker(true))).isEqualTo(BrokerChoice.EMBEDDED);
    assertThat(dockerAsked).hasValue(0);
  }

  @Test
  void anExplicitChoiceWinsWithoutAskingDocker() {
    assertThat(BrokerChoice.choose("embedded", true, docker(true)))
        .isEqualTo(BrokerChoice.EMBEDDED);
    assertThat(BrokerChoice.choose("container", true, docker(false)))
        .isEqualTo(BrokerChoice.CONTAINER);
    assertThat(dockerAsked).hasValue(0);
  }

  @Test
  void aContainerWithoutTestcontainersIsAClearError() {
    assertThatThrownBy(() -> BrokerChoice.choose("container", false, docker(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafleet.test.broker=container")
        .hasMessageContaining("testcontainers-kafka");
  }

  @Test
  void anUnknownValueIsAClearError() {
    assertThatThrownBy(() -> BrokerChoice.choose("docker", true, docker(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kafleet.test.broker is 'docker'; expected auto, embedded or container");
  }
}
