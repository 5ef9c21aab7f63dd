package io.kafleet.placement.access;

import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.schemas.ReaderAccessPlan;
import io.kafleet.schemas.Topics;
import java.util.regex.Pattern;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * The body of {@code POST /api/v1/access/readers/{name}}: a reader of the fleet events for Kafka
 * tools.
 *
 * @param groupPrefix what the names of the reader's consumer groups start with; null takes {@code
 *     <name>-}
 */
public record ReaderRequest(String groupPrefix) {

  /**
   * Letters, digits, '.', '_' and '-' (the characters of kafleet's topic and group names), ending
   * with a separator so that the prefix names whole words: {@code team} would also cover {@code
   * teamb-…}.
   */
  private static final Pattern GROUP_PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,199}[._-]");

  /**
   * A reader whose every part is checked: what the endpoint goes on to create, if no other reader
   * is in the way.
   */
  public record Checked(String reader, ReaderAccessPlan plan) {}

  /**
   * Checks the name and the group prefix, before anything is asked of Kafka.
   *
   * @param body null when the request had none
   * @throws InvalidInputException naming the first field that is wrong ({@code name} or {@code
   *     groupPrefix})
   */
  public static Checked check(String reader, ReaderRequest body, Topics topics) {
    checkName(reader);
    String prefix =
        body == null || body.groupPrefix() == null
            ? ReaderAccessPlan.defaultGroupPrefix(reader)
            : body.groupPrefix();
    if (prefix.isBlank()) {
      throw new InvalidInputException(
          "groupPrefix", "is empty: a reader's groups need a prefix of their own, e.g. 'grafana-'");
    }
    if (!GROUP_PREFIX.matcher(prefix).matches()) {
      throw new InvalidInputException(
          "groupPrefix",
          "'"
              + prefix
              + "' is not a group prefix: letters, digits, '.', '_' and '-', at most 200, ending"
              + " with '-', '.' or '_' (a prefix is taken as written, '*' is no wildcard)");
    }
    for (ResourcePattern groups : ReaderAccessPlan.kafleetGroups(topics)) {
      if (ReaderAccessPlan.covers(prefix, groups)) {
        throw new InvalidInputException(
            "groupPrefix",
            "'"
                + prefix
                + "' would cover kafleet's own consumer groups ("
                + groups.patternType().name().toLowerCase(java.util.Locale.ROOT)
                + " '"
                + groups.name()
                + "'): choose a prefix of the reader's own, e.g. 'grafana-'");
      }
    }
    return new Checked(reader, ReaderAccessPlan.of(reader, prefix, topics));
  }

  /** A 400 on {@code name} unless the reader's name is a DNS label, as a cluster's must be. */
  public static void checkName(String reader) {
    JoinRequest.checkName(reader);
  }
}
