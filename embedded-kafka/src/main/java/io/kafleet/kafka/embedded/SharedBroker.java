package io.kafleet.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A test JVM's broker, kept in JUnit's root store: JUnit closes it when the root context closes,
 * which stops the broker and deletes its data.
 */
record SharedBroker(EmbeddedKafkaBroker broker, Path directory) implements AutoCloseable {

  static SharedBroker start(Function<Path, BrokerSettings> settings) {
    try {
      Path directory = Files.createTempDirectory("kafleet-test-broker-");
      return new SharedBroker(EmbeddedKafkaBroker.start(settings.apply(directory)), directory);
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
