package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.util.Optional;

/**
 * What a placement decision was made for: the template's generation and the winning policy with its
 * generation. A later decision keeps to the earlier one only while its basis is the same.
 *
 * @param policy empty under default placement
 * @param policyGeneration 0 under default placement
 */
public record DecisionBasis(
    long templateGeneration, Optional<ObjectKey> policy, long policyGeneration) {

  /**
   * Why a decision made on the {@code earlier} basis no longer binds one on this basis, or null
   * when it still does.
   */
  String changeSince(DecisionBasis earlier) {
    if (templateGeneration != earlier.templateGeneration()) {
      return "the template changed (generation "
          + templateGeneration
          + ", last decided at "
          + earlier.templateGeneration()
          + ")";
    }
    if (!policy.equals(earlier.policy())) {
      return "another policy governs it now (last decided by "
          + earlier.policy().map(ObjectKey::toString).orElse("default placement")
          + ")";
    }
    if (policyGeneration != earlier.policyGeneration()) {
      return "its policy changed (generation "
          + policyGeneration
          + ", last decided at "
          + earlier.policyGeneration()
          + ")";
    }
    return null;
  }
}
