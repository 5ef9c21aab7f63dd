package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a CRD to be Established, so that objects of its kind applied next (they come later in
 * apply order) are accepted.
 */
final class CrdWait {

  private static final long TIMEOUT_SECONDS = 60;

  private final KubernetesClient client;
  private final ApiKinds kinds;

  CrdWait(KubernetesClient client, ApiKinds kinds) {
    this.client = client;
    this.kinds = kinds;
  }

  static boolean isCrd(ObjectKey key) {
    return key.group().equals("apiextensions.k8s.io")
        && key.kind().equals("CustomResourceDefinition");
  }

  GenericKubernetesResource untilEstablished(
      ResourceDefinitionContext kind, GenericKubernetesResource applied) {
    GenericKubernetesResource established =
        client
            .genericKubernetesResources(kind)
            .withName(applied.getMetadata().getName())
            .waitUntilCondition(CrdWait::established, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Object group = applied.get("spec", "group");
    if (group instanceof String name) {
      kinds.forget(name);
    }
    return established;
  }

  private static boolean established(GenericKubernetesResource crd) {
    if (crd == null || !(crd.get("status", "conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream()
        .anyMatch(
            c ->
                c instanceof Map<?, ?> condition
                    && "Established".equals(condition.get("type"))
                    && "True".equals(condition.get("status")));
  }
}
