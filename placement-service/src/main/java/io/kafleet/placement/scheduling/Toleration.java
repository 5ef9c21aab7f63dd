package io.kafleet.placement.scheduling;

/**
 * One entry of {@code placement.clusterTolerations}, matched as Kubernetes matches a toleration to
 * a taint: an empty key with {@code Exists} tolerates every taint, a null effect every effect.
 */
public record Toleration(String key, Operator operator, String value, Taint.Effect effect) {

  public enum Operator {
    Equal,
    Exists
  }

  public Toleration {
    key = key == null ? "" : key;
    value = value == null ? "" : value;
  }

  public boolean tolerates(Taint taint) {
    if (effect != null && effect != taint.effect()) {
      return false;
    }
    if (!key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    return operator == Operator.Exists || value.equals(taint.value());
  }
}
