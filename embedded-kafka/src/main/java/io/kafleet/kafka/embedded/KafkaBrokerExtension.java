package io.kafleet.kafka.embedded;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one real broker per test JVM, started on first use and stopped when the JVM's
 * tests are done; tests receive it, and a {@link TestTopics} prefix of their own, as parameters. A
 * parameter of type {@link KafkaBroker} gets the broker {@link BrokerChoice} picks (Testcontainers'
 * Kafka where a Docker engine answers, the embedded one otherwise); one of type {@link
 * EmbeddedKafkaBroker}, for tests that stop or kill it, always gets the embedded one.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class WorkRoundTripIT {
 *   @Test
 *   void roundTrip(KafkaBroker broker, TestTopics topics) { ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedKafkaBroker.class
        || type == KafkaBroker.class
        || type == TestTopics.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == TestTopics.class) {
      return new TestTopics(prefixFor(context));
    }
    if (parameter.getParameter().getType() == KafkaBroker.class) {
      return chosen(context);
    }
    return broker(context);
  }

  /** The JVM's shared broker of {@link BrokerChoice}'s choice, started on first call. */
  public static KafkaBroker chosen(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    BrokerChoice choice =
        store.computeIfAbsent(
            BrokerChoice.class, key -> BrokerChoice.forThisJvm(), BrokerChoice.class);
    if (choice == BrokerChoice.EMBEDDED) {
      return broker(context);
    }
    return store.computeIfAbsent(
        ContainerKafkaBroker.class,
        key -> ContainerKafkaBroker.start(),
        ContainerKafkaBroker.class);
  }

  /** The JVM's shared broker, started on first call. */
  public static EmbeddedKafkaBroker broker(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            SharedBroker.class, key -> SharedBroker.start(BrokerSettings::in), SharedBroker.class)
        .broker();
  }

  static String prefixFor(ExtensionContext context) {
    String name =
        context
            .getRequiredTestClass()
            .getSimpleName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]", "");
    return "t" + PREFIXES.incrementAndGet() + "-" + name + ".";
  }
}
