package io.kafleet.devstack;

import io.kafleet.kafka.embedded.BrokerSecurity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The dev stack's own certificate authority and the one server certificate it signs, which the
 * broker (SASL_SSL) and both services (HTTPS) present. Made at the first start in {@code tls/}
 * under the state directory and kept, so that whoever trusts {@code tls/ca.crt} (the CLI, agents
 * through their join manifest) keeps trusting the stack after a restart. The server certificate
 * names localhost, 127.0.0.1 and this host's name, and is made again when it nears its end or no
 * longer names this host.
 *
 * <p>Every file is PEM; private keys are unencrypted PKCS#8 in owner-only files, which is what
 * keeps them: Kafka and Spring Boot both read such PEM files without a keystore password.
 */
public final class DevTls {

  public static final String DIRECTORY = "tls";

  /** The bundle name of the services' {@code server.ssl.bundle}. */
  static final String SERVER_BUNDLE = "kafleet-dev";

  /** The bundle name of {@link #trustBundleArguments()}. */
  public static final String TRUST_BUNDLE = "kafleet-dev-ca";

  private static final Duration CA_LIFETIME = Duration.ofDays(3650);
  private static final Duration SERVER_LIFETIME = Duration.ofDays(365);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final X509Certificate ca;

  private DevTls(Path directory, X509Certificate ca) {
    this.directory = directory;
    this.ca = ca;
  }

  /** The CA and server certificate under {@code stateDirectory/tls}, made when missing. */
  public static DevTls loadOrCreate(Path stateDirectory) {
    Path directory = stateDirectory.resolve(DIRECTORY);
    try {
      Files.createDirectories(directory);
      KeyPair caKeys;
      X509Certificate ca;
      if (Files.exists(directory.resolve("ca.crt")) && Files.exists(directory.resolve("ca.key"))) {
        ca = readCertificate(directory.resolve("ca.crt"));
        caKeys = new KeyPair(ca.getPublicKey(), readPrivateKey(directory.resolve("ca.key")));
      } else {
        caKeys = newKeyPair();
        ca = caCertificate(caKeys);
        writePem(directory.resolve("ca.key"), "PRIVATE KEY", caKeys.getPrivate().getEncoded());
        writePem(directory.resolve("ca.crt"), "CERTIFICATE", ca.getEncoded());
        Files.deleteIfExists(directory.resolve("server.crt"));
      }
      List<String> names = serverNames();
      Path serverCertificate = directory.resolve("server.crt");
      if (!Files.exists(serverCertificate)
          || !Files.exists(directory.resolve("server.key"))
          || !current(readCertificate(serverCertificate), ca, names)) {
        KeyPair serverKeys = newKeyPair();
        X509Certificate server = serverCertificate(serverKeys, ca, caKeys.getPrivate(), names);
        String key = pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded());
        String chain =
            pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", ca.getEncoded());
        write(directory.resolve("server.key"), key);
        write(serverCertificate, chain);
        // Kafka's PEM key store: the key, then its certificate chain, in one file.
        write(directory.resolve("broker.pem"), key + chain);
      }
      return new DevTls(directory, ca);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev stack's certificates in " + directory, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot make the dev stack's certificates in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The CA's certificate (PEM), which clients of the stack trust. */
  public Path certificateAuthority() {
    return directory.resolve("ca.crt");
  }

  /** The CA's certificate as PEM text, as the join manifest carries it. */
  public String certificateAuthorityPem() {
    try {
      return pem("CERTIFICATE", ca.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The broker's key and trust. */
  public BrokerSecurity.Tls brokerTls() {
    return new BrokerSecurity.Tls(directory.resolve("broker.pem"), certificateAuthority());
  }

  /** What a Kafka client adds to trust the broker (with {@code security.protocol=SASL_SSL}). */
  public Map<String, String> kafkaClientTrust() {
    Map<String, String> trust = new LinkedHashMap<>();
    trust.put("security.protocol", "SASL_SSL");
    trust.put("ssl.truststore.type", "PEM");
    trust.put("ssl.truststore.location", certificateAuthority().toAbsolutePath().toString());
    return trust;
  }

  /**
   * A service's arguments to serve HTTPS with the server certificate (a Spring Boot SSL bundle).
   */
  public List<String> serverArguments() {
    String bundle = "--spring.ssl.bundle.pem." + SERVER_BUNDLE + ".keystore.";
    return List.of(
        "--server.ssl.bundle=" + SERVER_BUNDLE,
        bundle + "certificate=file:" + directory.resolve("server.crt").toAbsolutePath(),
        bundle + "private-key=file:" + directory.resolve("server.key").toAbsolutePath());
  }

  /**
   * A service's arguments for an SSL bundle, named {@link #TRUST_BUNDLE}, that trusts the CA: for
   * its HTTPS calls to the stack's other services.
   */
  public List<String> trustBundleArguments() {
    return List.of(
        "--spring.ssl.bundle.pem."
            + TRUST_BUNDLE
            + ".truststore.certificate=file:"
            + certificateAuthority().toAbsolutePath());
  }

  /** A TLS context that trusts the CA and nothing else, for the stack's own HTTPS clients. */
  public SSLContext sslContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("kafleet-dev-ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context for the dev CA", e);
    }
  }

  /** The names the server certificate must carry: localhost, 127.0.0.1 and this host's name. */
  static List<String> serverNames() {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
    hostName().filter(name -> !names.contains(name)).ifPresent(names::add);
    return names;
  }

  private static Optional<String> hostName() {
    try {
      return Optional.of(InetAddress.getLocalHost().getHostName())
          .filter(name -> name.matches("[A-Za-z0-9.-]{1,253}"));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean current(X509Certificate server, X509Certificate ca, List<String> names)
      throws CertificateException {
    if (!server.getIssuerX500Principal().equals(ca.getSubjectX500Principal())
        || server.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
      return false;
    }
    List<String> carried = new ArrayList<>();
    if (server.getSubjectAlternativeNames() != null) {
      server.getSubjectAlternativeNames().forEach(name -> carried.add(String.valueOf(name.get(1))));
    }
    return carried.containsAll(names);
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate caCertificate(KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    X500Name name = new X500Name("CN=kafleet dev stack CA " + Instant.now().getEpochSecond());
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(CA_LIFETIME)),
            name,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys.getPrivate());
  }

  private static X509Certificate serverCertificate(
      KeyPair keys, X509Certificate ca, PrivateKey caKey, List<String> names)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(SERVER_LIFETIME)),
            new X500Principal("CN=localhost"),
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    GeneralName[] alternatives =
        names.stream()
            .map(
                name ->
                    new GeneralName(
                        name.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
                        name))
            .toArray(GeneralName[]::new);
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
    return sign(builder, caKey);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, CertificateException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String text =
        Files.readString(file, StandardCharsets.US_ASCII)
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    write(file, pem(type, der));
  }

  /** Owner-only: the keys are in the clear (certificates need no secrecy, but no harm). */
  private static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.writeString(DevTokens.ownerOnly(file), text, StandardCharsets.US_ASCII);
  }
}
