package io.kafleet.placement.works;

import io.kafleet.placement.overrides.Workloads;
import io.kafleet.schemas.ObjectKey;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * What a workload's pods need from their namespace, as Karmada's default dependency interpreter
 * finds it for {@code propagateDeps}: the ConfigMaps, Secrets and PersistentVolumeClaims its pod
 * template mounts (volumes, projected volume sources) or reads (env, envFrom), its image pull
 * Secrets, and its ServiceAccount (except {@code default}, which every namespace has).
 */
public final class Dependencies {

  private Dependencies() {}

  /** The keys of what the workload references, in its namespace; none for other kinds. */
  public static Set<ObjectKey> of(ObjectKey workload, JsonNode manifest) {
    Set<ObjectKey> found = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    Workloads.podSpec(workload, manifest)
        .ifPresent(podSpec -> collect(podSpec, workload.namespace(), found));
    return found;
  }

  private static void collect(JsonNode podSpec, String namespace, Set<ObjectKey> found) {
    Consumer<String> configMap = name -> add(found, "ConfigMap", namespace, name);
    Consumer<String> secret = name -> add(found, "Secret", namespace, name);
    for (JsonNode volume : podSpec.path("volumes")) {
      configMap.accept(volume.path("configMap").path("name").asString(""));
      secret.accept(volume.path("secret").path("secretName").asString(""));
      add(
          found,
          "PersistentVolumeClaim",
          namespace,
          volume.path("persistentVolumeClaim").path("claimName").asString(""));
      for (JsonNode source : volume.path("projected").path("sources")) {
        configMap.accept(source.path("configMap").path("name").asString(""));
        secret.accept(source.path("secret").path("name").asString(""));
      }
    }
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode container : podSpec.path(list)) {
        for (JsonNode from : container.path("envFrom")) {
          configMap.accept(from.path("configMapRef").path("name").asString(""));
          secret.accept(from.path("secretRef").path("name").asString(""));
        }
        for (JsonNode env : container.path("env")) {
          configMap.accept(env.path("valueFrom").path("configMapKeyRef").path("name").asString(""));
          secret.accept(env.path("valueFrom").path("secretKeyRef").path("name").asString(""));
        }
      }
    }
    for (JsonNode pullSecret : podSpec.path("imagePullSecrets")) {
      secret.accept(pullSecret.path("name").asString(""));
    }
    String serviceAccount = podSpec.path("serviceAccountName").asString("");
    if (!serviceAccount.equals("default")) {
      add(found, "ServiceAccount", namespace, serviceAccount);
    }
  }

  private static void add(Set<ObjectKey> found, String kind, String namespace, String name) {
    if (!name.isBlank()) {
      found.add(new ObjectKey(ObjectKey.CORE_GROUP, kind, namespace, name));
    }
  }
}
