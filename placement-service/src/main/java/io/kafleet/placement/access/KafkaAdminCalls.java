package io.kafleet.placement.access;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ResourceNotFoundException;

/** The Admin API calls that granting access shares: every failure an IllegalStateException. */
final class KafkaAdminCalls {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Every credential kafleet makes: SCRAM-SHA-512, Kafka's default iterations. */
  static final ScramCredentialInfo SCRAM =
      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);

  private static final SecureRandom RANDOM = new SecureRandom();

  private KafkaAdminCalls() {}

  /** Whether {@code user} has a SCRAM credential. */
  static boolean hasCredential(Admin admin, String user) {
    try {
      admin
          .describeUserScramCredentials(List.of(user))
          .description(user)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ResourceNotFoundException) {
        return false;
      }
      throw new IllegalStateException("cannot look up the credential of " + user, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("looking up the credential of " + user + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted looking up the credential of " + user, e);
    }
  }

  static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " timed out after " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted " + what, e);
    }
  }

  /** 256 random bits, URL-safe: no quoting needed in JAAS, a properties file or a Secret. */
  static String newPassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
