package io.kafleet.placement.input;

import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One object of an apply, understood: a resource template, a policy that places templates, an
 * override policy that changes them per cluster, or a Flagger Canary that asks for a rollout.
 */
public sealed interface Submission {

  ObjectKey key();

  String apiVersion();

  JsonNode document();

  record Template(TemplateRef ref, JsonNode document) implements Submission {
    @Override
    public ObjectKey key() {
      return ref.key();
    }

    @Override
    public String apiVersion() {
      return ref.apiVersion();
    }
  }

  /**
   * @param overrides what the policy changes in the objects it places (a KubeVela Application's
   *     traits and override policies); none for Karmada policies
   */
  record Policy(PlacementPolicy policy, List<OverridePolicy> overrides, JsonNode document)
      implements Submission {

    public Policy {
      overrides = List.copyOf(overrides);
    }

    public Policy(PlacementPolicy policy, JsonNode document) {
      this(policy, List.of(), document);
    }

    @Override
    public ObjectKey key() {
      return policy.id();
    }

    @Override
    public String apiVersion() {
      return document.path("apiVersion").asString();
    }
  }

  record Overrides(OverridePolicy override, JsonNode document) implements Submission {
    @Override
    public ObjectKey key() {
      return override.id();
    }

    @Override
    public String apiVersion() {
      return document.path("apiVersion").asString();
    }
  }

  /**
   * A Flagger Canary: stored like a policy, it places nothing and goes to no cluster; each of its
   * generations asks traffic-service for the rollout it reads as.
   */
  record Canary(CanaryRollout rollout, JsonNode document) implements Submission {
    @Override
    public ObjectKey key() {
      return rollout.canary();
    }

    @Override
    public String apiVersion() {
      return document.path("apiVersion").asString();
    }
  }
}
