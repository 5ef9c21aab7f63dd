package io.kafleet.placement.scheduling;

import java.time.Instant;

/**
 * A taint on a member cluster, as Karmada puts them on its Cluster objects: nothing is placed on
 * the cluster unless the policy tolerates the taint, and a NoExecute taint evicts what is there.
 *
 * @param timeAdded when the taint was put on, from which a NoExecute toleration's {@code
 *     tolerationSeconds} count; null when unknown (then no toleration expires)
 */
public record Taint(String key, String value, Effect effect, Instant timeAdded) {

  /**
   * The taint Karmada puts on a cluster that is not ready, under the key Karmada users' policies
   * already tolerate.
   */
  public static final String NOT_READY = "cluster.karmada.io/not-ready";

  /** The effects Karmada clusters carry. */
  public enum Effect {
    NoSchedule,
    NoExecute
  }

  public Taint {
    value = value == null ? "" : value;
  }

  /** A taint whose time of adding is not known. */
  public Taint(String key, String value, Effect effect) {
    this(key, value, effect, null);
  }

  @Override
  public String toString() {
    return (value.isEmpty() ? key : key + "=" + value) + ":" + effect;
  }
}
