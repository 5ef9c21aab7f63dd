package io.kafleet.kafka.embedded;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which broker a test JVM gets when a test asks for a {@link KafkaBroker}: Testcontainers' Kafka
 * where a Docker engine answers and Testcontainers is on the classpath, the embedded broker
 * otherwise. {@value #PROPERTY} (a system property, or the environment variable {@value #ENV})
 * forces one: {@code auto} (the default), {@code embedded} or {@code container}.
 */
public enum BrokerChoice {
  EMBEDDED,
  CONTAINER;

  public static final String PROPERTY = "kafleet.test.broker";
  public static final String ENV = "KAFLEET_TEST_BROKER";

  /**
   * The broker to use. The Docker engine is asked only when the choice depends on it, since asking
   * takes a connection.
   *
   * @param requested {@code auto}, {@code embedded} or {@code container}; null or blank is {@code
   *     auto}
   * @param testcontainersPresent whether Testcontainers' Kafka module is on the classpath
   * @param dockerAvailable whether a Docker engine answers
   * @throws IllegalArgumentException for another value, or {@code container} without Testcontainers
   */
  public static BrokerChoice choose(
      String requested, boolean testcontainersPresent, BooleanSupplier dockerAvailable) {
    String value = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
    switch (value) {
      case "", "auto":
        return testcontainersPresent && dockerAvailable.getAsBoolean() ? CONTAINER : EMBEDDED;
      case "embedded":
        return EMBEDDED;
      case "container":
        if (!testcontainersPresent) {
          throw new IllegalArgumentException(
              PROPERTY
                  + "=container, but org.testcontainers:testcontainers-kafka is not on the test"
                  + " classpath");
        }
        return CONTAINER;
      default:
        throw new IllegalArgumentException(
            PROPERTY + " is '" + requested + "'; expected auto, embedded or container");
    }
  }

  /** This JVM's choice, from {@value #PROPERTY} or {@value #ENV}, the classpath and Docker. */
  static BrokerChoice forThisJvm() {
    String requested = System.getProperty(PROPERTY, System.getenv(ENV));
    return choose(
        requested,
        ContainerKafkaBroker.testcontainersPresent(),
        () -> DockerProbe.available(System.getenv(), System.getProperty("user.home")));
  }
}
