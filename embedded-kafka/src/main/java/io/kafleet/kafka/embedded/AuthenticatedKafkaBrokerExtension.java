package io.kafleet.kafka.embedded;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension like {@link KafkaBrokerExtension}, but the broker authenticates its clients
 * (SCRAM-SHA-512) and authorizes them with ACLs: one per test JVM, besides (never instead of) the
 * plaintext one. Tests reach it as its admin through {@link
 * EmbeddedKafkaBroker#adminClientProperties()} and create the users and ACLs they need.
 *
 * <pre>{@code
 * @ExtendWith(AuthenticatedKafkaBrokerExtension.class)
 * class AclIT {
 *   @Test
 *   void denied(EmbeddedKafkaBroker broker, TestTopics topics) { ... }
 * }
 * }</pre>
 */
public final class AuthenticatedKafkaBrokerExtension implements ParameterResolver {

  /**
   * How often a client's connection logs in again ({@code connections.max.reauth.ms}), so that a
   * rotated or revoked password ends open connections too, as production brokers should be set:
   * tests of credential changes then see what the clients see, not connections that outlive them.
   */
  public static final long REAUTH_MS = 3_000;

  private static final String REAUTH_CONFIG = "connections.max.reauth.ms";

  /** The super user of the test broker; its password is new in every JVM. */
  public static final String ADMIN_USER = "admin";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AuthenticatedKafkaBrokerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedKafkaBroker.class || type == TestTopics.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == TestTopics.class) {
      return new TestTopics(KafkaBrokerExtension.prefixFor(context));
    }
    return broker(context);
  }

  /** The JVM's shared authenticated broker, started on first call. */
  public static EmbeddedKafkaBroker broker(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            SharedBroker.class,
            key ->
                SharedBroker.start(
                    dir ->
                        BrokerSettings.in(dir)
                            .withOverrides(Map.of(REAUTH_CONFIG, String.valueOf(REAUTH_MS)))
                            .withScram(ADMIN_USER, randomPassword())),
            SharedBroker.class)
        .broker();
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
