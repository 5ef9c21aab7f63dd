package io.kafleet.schemas;

import java.util.Objects;

/**
 * How kafleet keys an object on Kafka: {@code group/Kind/namespace/name}, version-free as
 * Kubernetes identifies objects, with {@code core} for the core group and {@code _} for
 * cluster-scoped objects. Examples: {@code apps/Deployment/default/reviews-v1}, {@code
 * core/Namespace/_/bookinfo}.
 */
public record ObjectKey(String group, String kind, String namespace, String name) {

  public static final String CORE_GROUP = "core";
  public static final String CLUSTER_SCOPED = "_";

  public ObjectKey {
    requirePart("group", group);
    requirePart("kind", kind);
    requirePart("namespace", namespace);
    requirePart("name", name);
  }

  /**
   * The key of an object from its apiVersion ({@code v1}, {@code apps/v1}), kind, namespace (null
   * or empty when cluster-scoped) and name.
   */
  public static ObjectKey of(String apiVersion, String kind, String namespace, String name) {
    Objects.requireNonNull(apiVersion, "apiVersion");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? CORE_GROUP : apiVersion.substring(0, slash);
    String ns = namespace == null || namespace.isEmpty() ? CLUSTER_SCOPED : namespace;
    return new ObjectKey(group, kind, ns, name);
  }

  public static ObjectKey parse(String key) {
    Objects.requireNonNull(key, "key");
    String[] parts = key.split("/", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "object key '" + key + "' is not of the form group/Kind/namespace/name");
    }
    return new ObjectKey(parts[0], parts[1], parts[2], parts[3]);
  }

  public boolean clusterScoped() {
    return CLUSTER_SCOPED.equals(namespace);
  }

  @Override
  public String toString() {
    return group + "/" + kind + "/" + namespace + "/" + name;
  }

  private static void requirePart(String part, String value) {
    if (value == null || value.isEmpty() || value.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "object key " + part + " '" + value + "' must be non-empty and hold no '/'");
    }
  }
}
