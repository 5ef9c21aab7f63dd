package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.ApplicationFailover;
import io.kafleet.placement.scheduling.ApplicationFailover.PurgeMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Karmada {@code spec.failover}: its {@code application} part, defaulted and validated as
 * Karmada's API and webhook do ({@code tolerationSeconds} 300, {@code purgeMode} Gracefully with
 * {@code gracePeriodSeconds} 600, which only Gracefully takes); {@code cluster} and {@code
 * statePreservation} are refused as not supported yet.
 */
final class FailoverFields {

  private static final List<String> PURGE_MODES =
      List.of("Directly", "Gracefully", "Never", "Immediately", "Graciously");

  private FailoverFields() {}

  static Optional<ApplicationFailover> applicationFailover(Fields spec) {
    if (!spec.has("failover")) {
      return Optional.empty();
    }
    Fields failover = spec.object("failover").allow(Set.of("application"), Set.of("cluster"));
    if (!failover.has("application")) {
      return Optional.empty();
    }
    Fields application =
        failover
            .object("application")
            .allow(
                Set.of("decisionConditions", "purgeMode", "gracePeriodSeconds"),
                Set.of("statePreservation"));
    Fields conditions =
        application.object("decisionConditions").allow(Set.of("tolerationSeconds"), Set.of());
    int toleration =
        conditions.integer(
            "tolerationSeconds", (int) ApplicationFailover.DEFAULT_TOLERATION.toSeconds());
    if (toleration < 0) {
      throw new InvalidInputException(
          conditions.at("tolerationSeconds"), "must be greater than or equal to 0");
    }
    PurgeMode purgeMode = purgeMode(application.oneOf("purgeMode", PURGE_MODES));
    Duration gracePeriod = ApplicationFailover.DEFAULT_GRACE_PERIOD;
    if (application.has("gracePeriodSeconds")) {
      if (purgeMode != PurgeMode.Gracefully) {
        throw new InvalidInputException(
            application.at("gracePeriodSeconds"), "only takes effect when purgeMode is Gracefully");
      }
      int seconds = application.integer("gracePeriodSeconds", 0);
      if (seconds <= 0) {
        throw new InvalidInputException(
            application.at("gracePeriodSeconds"), "must be greater than 0");
      }
      gracePeriod = Duration.ofSeconds(seconds);
    }
    return Optional.of(
        new ApplicationFailover(Duration.ofSeconds(toleration), purgeMode, gracePeriod));
  }

  /** Gracefully when not set; Karmada's former names read as their successors. */
  private static PurgeMode purgeMode(String name) {
    if (name == null) {
      return PurgeMode.Gracefully;
    }
    return switch (name) {
      case "Immediately", "Directly" -> PurgeMode.Directly;
      case "Graciously", "Gracefully" -> PurgeMode.Gracefully;
      default -> PurgeMode.Never;
    };
  }
}
