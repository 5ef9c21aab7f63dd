package io.kafleet.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Applies a compatibility level with Avro's own reader/writer rules. */
final class CompatibilityChecker {

  private CompatibilityChecker() {}

  /**
   * Why the candidate may not follow the given live versions (oldest first) under the level; empty
   * when it may. Non-transitive levels look at the latest version only.
   */
  static List<String> incompatibilities(
      CompatibilityLevel level, Schema candidate, List<SubjectVersion> existing) {
    if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
      return List.of();
    }
    List<SubjectVersion> against =
        level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
    List<String> problems = new ArrayList<>();
    for (SubjectVersion old : against) {
      Schema oldSchema = old.schema().schema();
      if (level.newReadsOld()) {
        problems.addAll(
            describe(
                SchemaCompatibility.checkReaderWriterCompatibility(candidate, oldSchema)
                    .getResult()
                    .getIncompatibilities(),
                "the new schema cannot read data written with version " + old.version()));
      }
      if (level.oldReadsNew()) {
        problems.addAll(
            describe(
                SchemaCompatibility.checkReaderWriterCompatibility(oldSchema, candidate)
                    .getResult()
                    .getIncompatibilities(),
                "version " + old.version() + " cannot read data written with the new schema"));
      }
    }
    if (!problems.isEmpty()) {
      problems.add("{compatibility: '" + level + "'}");
    }
    return List.copyOf(problems);
  }

  /** In the shape Confluent uses, so that people who know its messages can read these. */
  private static List<String> describe(List<Incompatibility> incompatibilities, String direction) {
    List<String> described = new ArrayList<>();
    for (Incompatibility incompatibility : incompatibilities) {
      described.add(
          "{errorType:'%s', description:'%s, at path '%s'', additionalInfo:'%s'}"
              .formatted(
                  incompatibility.getType(),
                  capitalized(direction),
                  incompatibility.getLocation(),
                  incompatibility.getMessage()));
    }
    return described;
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
