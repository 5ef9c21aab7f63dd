package io.kafleet.traffic.health;

/**
 * Whether a traffic-service instance can take traffic, and why not: it must know the leader (the
 * election has an outcome it took part in), and, when that leader is itself, have rebuilt its books
 * from the topics. A standby that knows the leader is ready: it answers (503 for the API, which the
 * leader serves) and is ready to take over. Pure.
 */
record Readiness(boolean ready, String reason) {

  static Readiness of(boolean leaderKnown, boolean elected, boolean rebuilt) {
    if (!leaderKnown) {
      return new Readiness(false, "no leader known: the election has no outcome yet");
    }
    if (elected && !rebuilt) {
      return new Readiness(false, "leading; rebuilding the books from the topics");
    }
    return new Readiness(true, elected ? "leading" : "standing by for another leader");
  }
}
