package io.kafleet.agent.query;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which kinds the control plane may read in this cluster, and the limits of an answer.
 *
 * @param allowedKinds {@code *} (every kind), {@code Kind} (in any group) or {@code group/Kind}
 *     ({@code core} for the core group); Secrets, where allowed, never carry their data
 * @param maxAge a query older than this is not answered: whoever asked has stopped waiting
 * @param maxReplyBytes an answer whose objects' JSON is larger is refused, asking for a narrower
 *     query; it keeps the reply below Kafka's default 1 MB record limit
 */
public record QuerySettings(List<String> allowedKinds, Duration maxAge, int maxReplyBytes) {

  public static final String EVERY_KIND = "*";
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_REPLY_BYTES = 900_000;

  private static final Pattern KIND_ENTRY =
      Pattern.compile("\\*|([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z][A-Za-z0-9]*");

  public QuerySettings {
    allowedKinds = List.copyOf(Objects.requireNonNull(allowedKinds, "allowedKinds"));
    for (String entry : allowedKinds) {
      if (!KIND_ENTRY.matcher(entry).matches()) {
        throw new IllegalArgumentException(
            "allowedKinds entry '" + entry + "' is not '*', 'Kind' or 'group/Kind'");
      }
    }
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be a positive duration, was " + maxAge);
    }
    if (maxReplyBytes <= 0) {
      throw new IllegalArgumentException("maxReplyBytes must be positive, was " + maxReplyBytes);
    }
  }

  /** Every kind may be read (Secrets without their data); answers up to 900 kB, 30 s to ask. */
  public static QuerySettings defaults() {
    return new QuerySettings(List.of(EVERY_KIND), DEFAULT_MAX_AGE, DEFAULT_MAX_REPLY_BYTES);
  }

  public QuerySettings withAllowedKinds(List<String> kinds) {
    return new QuerySettings(kinds, maxAge, maxReplyBytes);
  }

  public QuerySettings withMaxReplyBytes(int bytes) {
    return new QuerySettings(allowedKinds, maxAge, bytes);
  }

  public QuerySettings withMaxAge(Duration age) {
    return new QuerySettings(allowedKinds, age, maxReplyBytes);
  }

  /**
   * Whether objects of the kind in the group ({@code ""} or {@code core}: the core group) may be
   * read.
   */
  public boolean allows(String group, String kind) {
    String normalizedGroup = group == null || group.isEmpty() ? "core" : group;
    for (String entry : allowedKinds) {
      if (entry.equals(EVERY_KIND)
          || entry.equals(kind)
          || entry.equals(normalizedGroup + "/" + kind)) {
        return true;
      }
    }
    return false;
  }
}
