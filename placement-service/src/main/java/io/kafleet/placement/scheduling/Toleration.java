package io.kafleet.placement.scheduling;

/**
 * One entry of {@code placement.clusterTolerations}, matched as Kubernetes matches a toleration to
 * a taint: an empty key with {@code Exists} tolerates every taint, a null effect every effect.
 *
 * @param tolerationSeconds how long a NoExecute taint is tolerated after it was added; null for as
 *     long as it lasts
 */
public record Toleration(
    String key, Operator operator, String value, Taint.Effect effect, Long tolerationSeconds) {

  public enum Operator {
    Equal,
    Exists
  }

  public Toleration {
    key = key == null ? "" : key;
    value = value == null ? "" : value;
    if (tolerationSeconds != null && effect != Taint.Effect.NoExecute) {
      throw new IllegalArgumentException("tolerationSeconds applies to effect NoExecute only");
    }
  }

  /** A toleration without time limit. */
  public Toleration(String key, Operator operator, String value, Taint.Effect effect) {
    this(key, operator, value, effect, null);
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
