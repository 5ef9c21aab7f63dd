package io.kafleet.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafleet.events.ConflictResolution;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SecretManifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Works as placement-service renders them, made from YAML documents in tests. */
public final class Works {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Works() {}

  /** The documents of a multi-document YAML file. */
  public static List<GenericKubernetesResource> documents(Path yaml) throws IOException {
    return documents(Files.readString(yaml, StandardCharsets.UTF_8));
  }

  public static List<GenericKubernetesResource> documents(String yaml) {
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class))
        .toList();
  }

  /** The object as a work for the cluster, in the namespace unless null (cluster-scoped). */
  public static Work work(String cluster, GenericKubernetesResource object, String namespace) {
    if (namespace != null) {
      object.getMetadata().setNamespace(namespace);
    }
    String manifest = SERIALIZATION.asJson(object);
    ObjectKey key =
        ObjectKey.of(
            object.getApiVersion(),
            object.getKind(),
            object.getMetadata().getNamespace(),
            object.getMetadata().getName());
    return raw(cluster, key.toString(), object.getApiVersion(), manifest);
  }

  /** A Secret as placement-service sends it: its values sealed for the key, as for the cluster. */
  public static Work sealed(
      String cluster, String yaml, String namespace, PublicKey key, String sealedForCluster) {
    Work work = work(cluster, yaml, namespace);
    SecretManifests.Sealed sealed =
        SecretManifests.seal(work.getManifest(), key, sealedForCluster, work.getObjectKey());
    work.setManifest(sealed.manifest());
    work.setSealedData(sealed.envelope());
    return work;
  }

  public static Work work(String cluster, String yaml, String namespace) {
    return work(cluster, documents(yaml).get(0), namespace);
  }

  /** A work with any manifest text, for bad input. */
  public static Work raw(String cluster, String key, String apiVersion, String manifest) {
    return Work.newBuilder()
        .setObjectKey(key)
        .setCluster(cluster)
        .setApiVersion(apiVersion)
        .setManifest(manifest)
        .setTemplateGeneration(1)
        .setContentHash(sha256(manifest))
        .setConflictResolution(ConflictResolution.Abort)
        .setPreserveOnDeletion(false)
        .setCreatedAt(Instant.now())
        .setUpdatedAt(Instant.now())
        .build();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
