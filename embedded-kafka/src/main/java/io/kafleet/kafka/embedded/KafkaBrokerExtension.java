package io.kafleet.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one real broker per test JVM, started on first use and stopped when the JVM's
 * tests are done; tests receive it, and a {@link TestTopics} prefix of their own, as parameters.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class WorkRoundTripIT {
 *   @Test
 *   void roundTrip(EmbeddedKafkaBroker broker, TestTopics topics) { ... }
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
    return type == EmbeddedKafkaBroker.class || type == TestTopics.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == TestTopics.class) {
      return new TestTopics(prefixFor(context));
    }
    return broker(context);
  }

  /** The JVM's shared broker, started on first call. */
  public static EmbeddedKafkaBroker broker(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class)
        .broker();
  }

  private static String prefixFor(ExtensionContext context) {
    String name =
        context
            .getRequiredTestClass()
            .getSimpleName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]", "");
    return "t" + PREFIXES.incrementAndGet() + "-" + name + ".";
  }

  /** Closed by JUnit when the root context closes: stops the broker and deletes its data. */
  private record SharedBroker(EmbeddedKafkaBroker broker, Path directory) implements AutoCloseable {

    static SharedBroker start() {
      try {
        Path directory = Files.createTempDirectory("kafleet-test-broker-");
        return new SharedBroker(EmbeddedKafkaBroker.start(BrokerSettings.in(directory)), directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      broker.close();
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
