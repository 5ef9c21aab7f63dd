package io.kafleet.placement.scheduling;

/**
 * A taint on a member cluster, as Karmada puts them on its Cluster objects: nothing is placed on
 * the cluster unless the policy tolerates the taint.
 */
public record Taint(String key, String value, Effect effect) {

  /** The effects Karmada clusters carry. */
  public enum Effect {
    NoSchedule,
    NoExecute
  }

  public Taint {
    value = value == null ? "" : value;
  }

  @Override
  public String toString() {
    return (value.isEmpty() ? key : key + "=" + value) + ":" + effect;
  }
}
