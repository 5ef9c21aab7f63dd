package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.util.Map;

/** A resource template as the scheduler sees it: its identity, apiVersion and labels. */
public record TemplateRef(ObjectKey key, String apiVersion, Map<String, String> labels) {

  public TemplateRef {
    labels = Map.copyOf(labels);
  }
}
