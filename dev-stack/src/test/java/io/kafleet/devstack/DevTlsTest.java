package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTlsTest {

  @Test
  void makesACaOnceAndAServerCertificateItSignsForLocalhostAndTheLoopbackAddress(
      @TempDir Path state) throws Exception {
    DevTls tls = DevTls.loadOrCreate(state);
    Path dir = state.resolve("tls");

    List<X509Certificate> chain = certificates(dir.resolve("server.crt"));
    X509Certificate ca = certificates(tls.certificateAuthority()).get(0);
    X509Certificate server = chain.get(0);
    server.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
    assertThat(server.getBasicConstraints()).as("the server certificate may not").isEqualTo(-1);
    List<String> names = new ArrayList<>();
    server.getSubjectAlternativeNames().forEach(name -> names.add(String.valueOf(name.get(1))));
    assertThat(names).containsAll(DevTls.serverNames()).contains("localhost", "127.0.0.1");
    assertThat(Files.readString(dir.resolve("broker.pem")))
        .as("Kafka's PEM key store: the key, then the chain")
        .startsWith("-----BEGIN PRIVATE KEY-----")
        .contains("-----BEGIN CERTIFICATE-----");
    for (String secret : List.of("ca.key", "server.key", "broker.pem")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))))
          .as(secret)
          .isEqualTo("rw-------");
    }

    byte[] caBefore = Files.readAllBytes(tls.certificateAuthority());
    byte[] serverBefore = Files.readAllBytes(dir.resolve("server.crt"));
    DevTls again = DevTls.loadOrCreate(state);
    assertThat(Files.readAllBytes(again.certificateAuthority()))
        .as("the CA after a restart: whoever trusts it keeps trusting the stack")
        .isEqualTo(caBefore);
    assertThat(Files.readAllBytes(dir.resolve("server.crt"))).isEqualTo(serverBefore);
    assertThat(again.certificateAuthorityPem()).isEqualTo(new String(caBefore));
  }

  @Test
  void aServerCertificateLostOrNotSignedByTheCaIsMadeAgainUnderTheSameCa(@TempDir Path state)
      throws Exception {
    DevTls.loadOrCreate(state);
    Path dir = state.resolve("tls");
    byte[] ca = Files.readAllBytes(dir.resolve("ca.crt"));
    Files.delete(dir.resolve("server.key"));

    DevTls.loadOrCreate(state);

    assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(ca);
    assertThat(dir.resolve("server.key")).exists();
    certificates(dir.resolve("server.crt"))
        .get(0)
        .verify(certificates(dir.resolve("ca.crt")).get(0).getPublicKey());
  }

  @Test
  void theServicesServeHttpsThroughASpringBootPemBundle(@TempDir Path state) {
    DevTls tls = DevTls.loadOrCreate(state);

    assertThat(tls.serverArguments())
        .contains(
            "--server.ssl.bundle=kafleet-dev",
            "--spring.ssl.bundle.pem.kafleet-dev.keystore.certificate=file:"
                + state.resolve("tls/server.crt").toAbsolutePath(),
            "--spring.ssl.bundle.pem.kafleet-dev.keystore.private-key=file:"
                + state.resolve("tls/server.key").toAbsolutePath());
    assertThat(tls.trustBundleArguments())
        .as("the bundle a service trusts the others with")
        .containsExactly(
            "--spring.ssl.bundle.pem.kafleet-dev-ca.truststore.certificate=file:"
                + state.resolve("tls/ca.crt").toAbsolutePath());
    assertThat(tls.kafkaClientTrust())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry(
            "ssl.truststore.location", tls.certificateAuthority().toAbsolutePath().toString());
  }

  private static List<X509Certificate> certificates(Path file) throws Exception {
    List<X509Certificate> read = new ArrayList<>();
    CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))
        .forEach(certificate -> read.add((X509Certificate) certificate));
    return read;
  }
}
