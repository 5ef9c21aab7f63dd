package io.kafleet.placement.access;

import io.kafleet.placement.clusters.Admission;
import java.util.Optional;

/**
 * Whether a cluster has joined: its agent has a Kafka credential, or the fleet has accepted it. A
 * join needs it not to have; leave needs it to have.
 */
public final class Standing {

  private Standing() {}

  public static boolean joined(boolean hasCredential, Optional<Admission> admission) {
    return hasCredential || admission.map(Admission::accepted).orElse(false);
  }

  /** Why a join of a joined cluster is refused (409). */
  public static String alreadyJoined(
      String cluster, boolean hasCredential, Optional<Admission> admission) {
    return hasCredential
        ? "cluster '"
            + cluster
            + "' has joined already (its agent's Kafka user exists): rotate its credentials, or"
            + " leave first"
        : "cluster '"
            + cluster
            + "' is accepted in the fleet already (decided by "
            + admission.map(Admission::decidedBy).orElse("?")
            + "): leave first";
  }

  /** Why a leave or rotate of a cluster that has not joined is refused (404). */
  public static String notJoined(String cluster) {
    return "cluster '" + cluster + "' has not joined the fleet";
  }
}
