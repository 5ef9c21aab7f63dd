package io.kafleet.registry;

import static io.kafleet.registry.AvroFixtures.eventV1;
import static io.kafleet.registry.RegistryApiTest.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class BasicAuthIT {

  @Test
  void requiresTheConfiguredCredentialsOnEveryRequest(
      EmbeddedKafkaBroker broker, TestTopics topics) {
    RegistrySettings settings =
        SchemaRegistryIT.settings(broker, topics).withBasicAuth("fleet:s3cret");
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(settings)) {
      RegistryHttp anonymous = new RegistryHttp(registry.url());
      RegistryHttp wrong = new RegistryHttp(registry.url(), "fleet:guess");
      RegistryHttp authorized = new RegistryHttp(registry.url(), "fleet:s3cret");

      expectError(anonymous.get("/subjects"), 401, 401);
      expectError(anonymous.register("s", eventV1()), 401, 401);
      expectError(anonymous.get("/no/such/path"), 401, 401);
      expectError(wrong.get("/config"), 401, 401);

      Reply registered = authorized.register("s", eventV1());
      assertThat(registered.status()).as("%s", registered).isEqualTo(200);
      Reply subjects = authorized.get("/subjects");
      assertThat(subjects.status()).as("%s", subjects).isEqualTo(200);
      assertThat(subjects.text()).as("%s", subjects).isEqualTo("[\"s\"]");
    }
  }
}
