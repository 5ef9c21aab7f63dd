package io.kafleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of an https call: the system's CAs and those of a PEM file the user names (as
 * kubectl's {@code certificate-authority}), so that a service whose certificate a private CA signed
 * (the dev stack's) is trusted without trusting anything else more.
 */
final class CertificateAuthority {

  private CertificateAuthority() {}

  /** A socket factory trusting the system's CAs and the certificates in {@code file}. */
  static SSLSocketFactory socketFactory(Path file) {
    List<X509Certificate> own = read(file);
    try {
      X509TrustManager system = trustManager(null);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (X509Certificate certificate : own) {
        store.setCertificateEntry("ca-" + store.size(), certificate);
      }
      for (X509Certificate certificate : system.getAcceptedIssuers()) {
        store.setCertificateEntry("system-" + store.size(), certificate);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager(store)}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new CliException("cannot trust the certificates of " + file + ": " + e.getMessage());
    }
  }

  private static List<X509Certificate> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliException("certificate authority file " + file + " does not exist");
    }
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> read =
          certificates.stream()
              .flatMap(
                  certificate ->
                      certificate instanceof X509Certificate x509
                          ? Stream.of(x509)
                          : Stream.empty())
              .toList();
      if (read.isEmpty()) {
        throw new CliException("certificate authority file " + file + " holds no PEM certificate");
      }
      return read;
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(
          "certificate authority file " + file + " is not PEM certificates: " + e.getMessage());
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }
}
