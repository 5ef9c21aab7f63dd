package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import tools.jackson.databind.JsonNode;

/** One object of an apply, understood: a resource template, or a policy that places templates. */
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

  record Policy(PlacementPolicy policy, JsonNode document) implements Submission {
    @Override
    public ObjectKey key() {
      return policy.id();
    }

    @Override
    public String apiVersion() {
      return document.path("apiVersion").asString();
    }
  }
}
