package io.kafleet.placement.scheduling;

/**
 * One entry of Karmada's {@code placement.spreadConstraints}: the template goes to between {@code
 * minGroups} and {@code maxGroups} groups of clusters that share a value of {@code spreadByField}
 * (each cluster its own group for {@code cluster}).
 *
 * @param minGroups at least 1 (Karmada's default)
 * @param maxGroups 0 for no upper bound
 */
public record SpreadConstraint(Field spreadByField, int minGroups, int maxGroups) {

  /** The cluster fields Karmada spreads by. */
  public enum Field {
    cluster,
    region,
    zone,
    provider;

    /** The cluster's value of this field, or null when it is unknown. */
    String of(MemberState member) {
      String value =
          switch (this) {
            case cluster -> member.name();
            case region -> member.region();
            case zone -> member.zone();
            case provider -> member.provider();
          };
      return value == null || value.isEmpty() ? null : value;
    }
  }

  public SpreadConstraint {
    if (minGroups < 1) {
      throw new IllegalArgumentException("minGroups " + minGroups + " < 1");
    }
    if (maxGroups < 0 || (maxGroups > 0 && maxGroups < minGroups)) {
      throw new IllegalArgumentException(
          "maxGroups " + maxGroups + " is below minGroups " + minGroups);
    }
  }

  int upperBound() {
    return maxGroups == 0 ? Integer.MAX_VALUE : maxGroups;
  }

  String bounds() {
    return maxGroups == 0
        ? "minGroups " + minGroups
        : "minGroups " + minGroups + ", maxGroups " + maxGroups;
  }
}
