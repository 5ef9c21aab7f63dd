package io.kafleet.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an embedded broker.
 *
 * @param dataDirectory where the broker keeps its logs and metadata; kept across restarts
 * @param port the client port; 0 picks a free one
 * @param controllerPort the KRaft controller port; 0 picks a free one
 * @param overrides broker properties set on top of kafleet's single-node defaults
 * @param startTimeout how long to wait until the broker can create a topic
 * @param security plaintext (the default) or authenticated
 */
public record BrokerSettings(
    Path dataDirectory,
    int port,
    int controllerPort,
    Map<String, String> overrides,
    Duration startTimeout,
    BrokerSecurity security) {

  public BrokerSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(security, "security");
    overrides = Map.copyOf(overrides);
  }

  /** A plaintext broker on free ports in the given directory. */
  public static BrokerSettings in(Path dataDirectory) {
    return new BrokerSettings(
        dataDirectory, 0, 0, Map.of(), Duration.ofSeconds(90), new BrokerSecurity.Plaintext());
  }

  public BrokerSettings withPorts(int port, int controllerPort) {
    return new BrokerSettings(
        dataDirectory, port, controllerPort, overrides, startTimeout, security);
  }

  public BrokerSettings withOverrides(Map<String, String> overrides) {
    return new BrokerSettings(
        dataDirectory, port, controllerPort, overrides, startTimeout, security);
  }

  /**
   * An authenticated broker: SCRAM-SHA-512 and ACLs, with {@code adminUser} as its super user. The
   * admin's credential is written into the storage when it is first formatted: a restart in the
   * same directory must use the same admin user and password.
   */
  public BrokerSettings withScram(String adminUser, String adminPassword) {
    return new BrokerSettings(
        dataDirectory,
        port,
        controllerPort,
        overrides,
        startTimeout,
        new BrokerSecurity.Scram(new BrokerSecurity.ScramUser(adminUser, adminPassword)));
  }

  /**
   * An authenticated broker whose client listener is SASL_SSL with the given key and trust (PEM
   * files, read at every start); otherwise as {@link #withScram}.
   */
  public BrokerSettings withScramOverTls(
      String adminUser, String adminPassword, BrokerSecurity.Tls tls) {
    return new BrokerSettings(
        dataDirectory,
        port,
        controllerPort,
        overrides,
        startTimeout,
        new BrokerSecurity.Scram(
            new BrokerSecurity.ScramUser(adminUser, adminPassword), Optional.of(tls)));
  }
}
