package io.kafleet.placement.access;

import io.kafleet.placement.kafka.KafkaSettings;
import io.kafleet.schemas.ReaderAccessPlan;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates and revokes readers of the fleet events for Kafka tools. Everything is checked before
 * Kafka is changed; one at a time, so that two readers cannot take overlapping prefixes together.
 */
@Component
class ReaderLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReaderLifecycle.class);

  private final ReaderAccess access;
  private final KafkaSettings settings;
  private final String securityProtocol;
  private final Optional<String> trustedCertificatesFile;

  ReaderLifecycle(
      ReaderAccess access,
      KafkaSettings settings,
      @Value("${kafleet.clusters.agent-security-protocol:}") String agentSecurityProtocol,
      @Value("${kafleet.clusters.agent-trusted-certificates:}") String agentTrustedCertificates) {
    this.access = access;
    this.settings = settings;
    this.trustedCertificatesFile = Optional.of(agentTrustedCertificates);
    // Readers reach the brokers as agents do: from outside the control plane.
    this.securityProtocol =
        AccessAnswers.agentSecurityProtocol(
            Optional.of(agentSecurityProtocol), settings.properties());
  }

  synchronized ReaderAnswer create(String reader, ReaderRequest body) {
    ReaderRequest.Checked request = ReaderRequest.check(reader, body, settings.topics());
    ExistingReaders existing = access.existing();
    Optional<String> conflict = existing.conflict(request, access.hasCredential(reader));
    if (conflict.isPresent()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, conflict.get());
    }
    ReaderAccessPlan plan = request.plan();
    String password;
    try {
      password = access.grant(plan);
    } catch (RuntimeException e) {
      // It had neither a credential nor ACLs a moment ago, under this lock.
      try {
        access.revokeAny(reader);
      } catch (RuntimeException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
    log.info("reader {} created: user {}, groups {}*", reader, plan.user(), plan.groupPrefix());
    return new ReaderAnswer(
        reader,
        new AccessAnswers.KafkaLogin(
            plan.user(),
            password,
            AgentCredentials.MECHANISM,
            securityProtocol,
            AccessAnswers.agentTrustedCertificates(
                    securityProtocol, trustedCertificatesFile, settings.properties())
                .orElse(null)),
        plan.groupPrefix(),
        ReaderAccessPlan.eventTopics(settings.topics()),
        settings.bootstrapServers(),
        settings.schemaRegistryUrl());
  }

  synchronized ReaderAnswer.Revoked revoke(String reader) {
    ReaderRequest.checkName(reader);
    if (!access.revokeAny(reader)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "reader "
              + reader
              + " is unknown: "
              + ReaderAccessPlan.userName(reader)
              + " has no access");
    }
    log.info("reader {} revoked", reader);
    return new ReaderAnswer.Revoked(reader, ReaderAccessPlan.userName(reader));
  }
}
