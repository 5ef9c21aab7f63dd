package io.kafleet.kafka.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** How clients authenticate to an embedded broker, and who is allowed what. */
public sealed interface BrokerSecurity {

  /** No authentication and no authorizer: anyone who reaches the port may do anything. */
  record Plaintext() implements BrokerSecurity {}

  /**
   * Clients authenticate with SCRAM-SHA-512; the KRaft standard authorizer allows only what ACLs
   * grant, except to {@code admin}, its one super user (which the broker also uses for itself).
   * With {@code tls} the client listener is SASL_SSL, else SASL_PLAINTEXT.
   */
  record Scram(ScramUser admin, Optional<Tls> tls) implements BrokerSecurity {
    public Scram {
      Objects.requireNonNull(admin, "admin");
      Objects.requireNonNull(tls, "tls");
    }

    /** Over SASL_PLAINTEXT. */
    public Scram(ScramUser admin) {
      this(admin, Optional.empty());
    }

    /** The client listener's security protocol. */
    public String protocol() {
      return tls.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
    }
  }

  /**
   * The broker's TLS material, PEM files (Kafka's {@code ssl.keystore.type=PEM}).
   *
   * @param keyStore the broker's private key (unencrypted PKCS#8) followed by its certificate chain
   * @param trustStore the certificates that signed it (the CA), which clients and the broker itself
   *     (over the inter-broker listener) trust
   */
  record Tls(Path keyStore, Path trustStore) {
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(trustStore, "trustStore");
    }
  }

  /**
   * A SCRAM user. Names and passwords are limited to characters that need no quoting in JAAS
   * configuration and in {@code kafka-storage format --add-scram}.
   */
  record ScramUser(String name, String password) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~-]{8,255}");

    public ScramUser {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "SCRAM user name '" + name + "' may hold only letters, digits, '.', '_', '-' (1-255)");
      }
      if (password == null || !PASSWORD.matcher(password).matches()) {
        throw new IllegalArgumentException(
            "the password of SCRAM user '"
                + name
                + "' must be 8-255 letters, digits, '.', '_', '~' or '-'");
      }
    }

    /** The JAAS line a Kafka client (or the broker itself) logs in with as this user. */
    public String jaasConfig() {
      return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + name
          + "\" password=\""
          + password
          + "\";";
    }

    @Override
    public String toString() {
      return "ScramUser[name=" + name + ", password=(hidden)]";
    }
  }
}
