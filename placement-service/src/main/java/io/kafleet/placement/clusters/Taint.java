package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterTaint;
import io.kafleet.events.TaintEffect;

/** A taint an operator put on a cluster, as Karmada's Cluster {@code spec.taints}. */
public record Taint(String key, String value, TaintEffect effect) {

  static Taint from(ClusterTaint taint) {
    return new Taint(taint.getKey(), taint.getValue(), taint.getEffect());
  }

  ClusterTaint toEvent() {
    return new ClusterTaint(key, value, effect);
  }
}
