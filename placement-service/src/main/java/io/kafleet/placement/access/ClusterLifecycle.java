package io.kafleet.placement.access;

import io.kafleet.events.WorkStatus;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.handlers.MembershipHandler;
import io.kafleet.placement.kafka.KafkaSettings;
import io.kafleet.placement.kafka.Leadership;
import io.kafleet.placement.kafka.MembershipMonitor;
import io.kafleet.placement.status.WorkStatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A member cluster's join, credential rotation and leave: its access to Kafka ({@link
 * ClusterAccess}) and its place in the fleet (the admission on {@code kafleet.clusters}) together.
 * One at a time: a leave waits for the agent, and no join of the same name may slip in meanwhile.
 */
@Component
class ClusterLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClusterLifecycle.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ClusterAccess access;
  private final ClusterRegistry registry;
  private final Leadership leadership;
  private final MembershipMonitor monitor;
  private final WorkStatusBoard reports;
  private final KafkaSettings settings;
  private final String agentSecurityProtocol;
  private final Optional<String> agentTrustedCertificatesFile;
  private final Duration leaveTimeout;
  private final Clock clock;

  ClusterLifecycle(
      ClusterAccess access,
      ClusterRegistry registry,
      Leadership leadership,
      MembershipMonitor monitor,
      WorkStatusBoard reports,
      KafkaSettings settings,
      Clock clock,
      @Value("${kafleet.clusters.agent-security-protocol:}") String agentSecurityProtocol,
      @Value("${kafleet.clusters.agent-trusted-certificates:}") String agentTrustedCertificates,
      @Value("${kafleet.clusters.leave-timeout:60s}") Duration leaveTimeout) {
    this.access = access;
    this.registry = registry;
    this.leadership = leadership;
    this.monitor = monitor;
    this.reports = reports;
    this.settings = settings;
    this.clock = clock;
    this.agentSecurityProtocol =
        AccessAnswers.agentSecurityProtocol(
            Optional.of(agentSecurityProtocol), settings.properties());
    this.agentTrustedCertificatesFile = Optional.of(agentTrustedCertificates);
    this.leaveTimeout = leaveTimeout;
  }

  /**
   * Checks everything, then creates the cluster's topics, its agent's credential and ACLs, and
   * records it as accepted with its sealing key. A failure to record takes the access back.
   */
  synchronized AccessAnswers.Joined join(String cluster, JoinRequest body) {
    JoinRequest.Checked join = JoinRequest.check(cluster, body);
    MembershipHandler membership = leadership.leading().membership();
    boolean hasCredential = access.hasCredential(cluster);
    Optional<Admission> admission = registry.admission(cluster);
    if (Standing.joined(hasCredential, admission)) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT, Standing.alreadyJoined(cluster, hasCredential, admission));
    }
    AgentCredentials credentials;
    try {
      credentials = access.join(cluster);
    } catch (RuntimeException e) {
      // It had no credential a moment ago, under this lock: whatever exists now is this join's.
      revokeQuietly(cluster, e);
      throw e;
    }
    try {
      membership.admit(
          cluster,
          new Admission(
              true,
              admission.map(Admission::taints).orElse(List.of()),
              "join",
              clock.instant(),
              Optional.of(join.sealingPublicKey())));
    } catch (RuntimeException e) {
      revokeQuietly(cluster, e);
      throw e;
    }
    monitor.check();
    logAbout(
        cluster,
        "cluster {} joined: user {}, topics, ACLs and admission",
        cluster,
        credentials.user());
    return AccessAnswers.joined(credentials, agentTransport(), settings.topics(), join.labels());
  }

  synchronized AccessAnswers.Rotated rotate(String cluster) {
    JoinRequest.checkName(cluster);
    if (!access.hasCredential(cluster)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, Standing.notJoined(cluster));
    }
    AgentCredentials credentials = access.rotate(cluster);
    logAbout(cluster, "cluster {}: password of {} rotated", cluster, credentials.user());
    return AccessAnswers.rotated(credentials, agentTransport());
  }

  /** A line about the cluster, with {@code cluster} in the MDC for JSON logs. */
  @SuppressWarnings("try") // the MDC entry is the try's purpose: set for the line inside
  private static void logAbout(String cluster, String format, Object... arguments) {
    try (var about = MDC.putCloseable("cluster", cluster)) {
      log.info(format, arguments);
    }
  }

  /** Read at each answer: a renewed CA file is handed out without a restart. */
  private AccessAnswers.AgentTransport agentTransport() {
    return new AccessAnswers.AgentTransport(
        agentSecurityProtocol,
        AccessAnswers.agentTrustedCertificates(
            agentSecurityProtocol, agentTrustedCertificatesFile, settings.properties()));
  }

  /**
   * Stops placing in the cluster and removes its works, waits (up to the leave timeout) for its
   * agent to report them gone, then revokes its access.
   */
  synchronized LeaveOutcome leave(String cluster, boolean keepResources) {
    JoinRequest.checkName(cluster);
    MembershipHandler membership = leadership.leading().membership();
    if (!Standing.joined(access.hasCredential(cluster), registry.admission(cluster))) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, Standing.notJoined(cluster));
    }
    Map<String, WorkStatus> before = reports.reportsOf(cluster);
    List<String> removed = membership.leave(cluster, keepResources);
    monitor.check();
    LeaveOutcome outcome = awaitReports(cluster, removed, before, keepResources);
    access.revokeAny(cluster);
    logAbout(
        cluster,
        "cluster {} left: {} removed, {} kept, {} not confirmed by its agent; access revoked",
        cluster,
        outcome.removed(),
        outcome.kept(),
        outcome.notConfirmed().size());
    return outcome;
  }

  /** Takes back a failed join's access; a failure to do so is added to the join's. */
  private void revokeQuietly(String cluster, RuntimeException failedJoin) {
    try {
      access.revokeAny(cluster);
    } catch (RuntimeException e) {
      failedJoin.addSuppressed(e);
    }
  }

  private LeaveOutcome awaitReports(
      String cluster, List<String> removed, Map<String, WorkStatus> before, boolean keep) {
    long deadline = System.nanoTime() + leaveTimeout.toNanos();
    while (true) {
      LeaveOutcome outcome =
          LeaveOutcome.of(cluster, removed, before, reports.reportsOf(cluster), keep);
      if (outcome.notConfirmed().isEmpty() || System.nanoTime() >= deadline) {
        return outcome;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return outcome;
      }
    }
  }
}
