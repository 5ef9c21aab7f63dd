package io.kafleet.devstack;

import io.kafleet.schemas.ControlPlaneAccess;
import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The dev stack's Kafka passwords: the broker's super user and one per control-plane service
 * ({@link ControlPlaneAccess}), made at the first start and kept in {@code kafka-credentials} under
 * the state directory (owner-only), so that the broker's storage, formatted with the admin's
 * credential, keeps working across restarts, and a user can connect as any of them.
 */
public record DevKafkaCredentials(Map<String, String> passwords) {

  public static final String FILE = "kafka-credentials";
  public static final String ADMIN = "admin";
  public static final String MECHANISM = "SCRAM-SHA-512";

  private static final SecureRandom RANDOM = new SecureRandom();

  public DevKafkaCredentials {
    passwords = Map.copyOf(passwords);
  }

  /** The users: the admin, then each control-plane service's. */
  static List<String> users() {
    List<String> users = new ArrayList<>(List.of(ADMIN));
    ControlPlaneAccess.all(Topics.DEFAULT).forEach(service -> users.add(service.user()));
    return users;
  }

  /** Where the passwords are kept. */
  public static Path file(Path stateDirectory) {
    return stateDirectory.resolve(FILE);
  }

  public static DevKafkaCredentials loadOrCreate(Path stateDirectory) {
    Path file = file(stateDirectory);
    try {
      Properties stored = new Properties();
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file)) {
          stored.load(reader);
        }
      }
      Map<String, String> passwords = new LinkedHashMap<>();
      boolean added = false;
      for (String user : users()) {
        String password = stored.getProperty(user, "").strip();
        if (password.isEmpty()) {
          if (user.equals(ADMIN) && Files.exists(file)) {
            throw new IllegalStateException(
                file
                    + " has no admin password, which the broker's storage was formatted with;"
                    + " delete "
                    + stateDirectory.resolve("kafka")
                    + " and "
                    + file
                    + " to start a new broker");
          }
          password = random();
          added = true;
        }
        passwords.put(user, password);
      }
      if (added) {
        Files.createDirectories(stateDirectory);
        Properties updated = new Properties();
        passwords.forEach(updated::setProperty);
        try (Writer writer = Files.newBufferedWriter(DevTokens.ownerOnly(file))) {
          updated.store(
              writer,
              "kafleet dev stack Kafka SCRAM-SHA-512 passwords (user=password): the broker's admin"
                  + " and the control-plane services");
        }
      }
      return new DevKafkaCredentials(passwords);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev stack's Kafka credentials in " + file, e);
    }
  }

  public String password(String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no dev stack Kafka user " + user);
    }
    return password;
  }

  /**
   * A Kafka client's SASL properties to connect as {@code user}, over SASL_PLAINTEXT unless {@code
   * transport} says otherwise (SASL_SSL and the trust store of {@link DevTls#kafkaClientTrust()}).
   */
  public Map<String, String> clientProperties(String user, Map<String, String> transport) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    properties.putAll(transport);
    properties.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    properties.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password(user)
            + "\";");
    return properties;
  }

  /**
   * Creates (or sets again) each control-plane service's SCRAM credential and its ACLs, as the
   * admin; both are idempotent, so every start does it.
   */
  void grantControlPlane(Map<String, Object> adminConfig) {
    ScramCredentialInfo scram = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
    List<UserScramCredentialAlteration> credentials = new ArrayList<>();
    List<AclBinding> acls = new ArrayList<>();
    for (ControlPlaneAccess service : ControlPlaneAccess.all(Topics.DEFAULT)) {
      credentials.add(
          new UserScramCredentialUpsertion(service.user(), scram, password(service.user())));
      acls.addAll(service.bindings());
    }
    try (Admin admin = Admin.create(adminConfig)) {
      admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the control plane's Kafka principals", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating the control plane's principals", e);
    }
  }

  /**
   * The CLI's Kafka client properties file ({@code KAFLEET_KAFKA_CONFIG}, which {@code ./kafleet}
   * sets), owner-only, as the reader of the fleet events: what {@code kafleet events} needs.
   */
  Path writeCliKafkaConfig(Path stateDirectory, Map<String, String> transport) {
    Path file = cliKafkaConfig(stateDirectory);
    Properties properties = new Properties();
    clientProperties(ControlPlaneAccess.eventsReader(Topics.DEFAULT).user(), transport)
        .forEach(properties::setProperty);
    try (Writer writer = Files.newBufferedWriter(DevTokens.ownerOnly(file))) {
      properties.store(
          writer,
          "Written by the kafleet dev stack at each start: kafleet events reads as kafleet-events;"
              + " Kafka tools may use it with a group.id starting with "
              + ControlPlaneClients.eventsReaderGroups(Topics.DEFAULT));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CLI's Kafka settings " + file, e);
    }
  }

  /** Where {@link #writeCliKafkaConfig} writes. */
  static Path cliKafkaConfig(Path stateDirectory) {
    return stateDirectory.resolve("kafka-cli.properties");
  }

  /** Never prints a password. */
  @Override
  public String toString() {
    return "DevKafkaCredentials[users=" + passwords.keySet() + "]";
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
