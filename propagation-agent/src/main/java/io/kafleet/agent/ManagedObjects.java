package io.kafleet.agent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** How kafleet marks the objects it manages in a member cluster. */
public final class ManagedObjects {

  public static final String FIELD_MANAGER = "kafleet";
  public static final String MANAGED_BY_LABEL = "kafleet.io/managed-by";
  public static final String MANAGED_BY_VALUE = "kafleet";
  public static final String CLUSTER_ANNOTATION = "kafleet.io/cluster";
  public static final String CONTENT_HASH_ANNOTATION = "kafleet.io/content-hash";

  private ManagedObjects() {}

  /**
   * Whether kafleet manages the object for this cluster. The annotation matters when one API server
   * hosts several member clusters' agents (as in tests): each prunes only its own objects.
   */
  public static boolean isManagedFor(HasMetadata object, String cluster) {
    if (object == null || object.getMetadata() == null) {
      return false;
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return labels != null
        && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY_LABEL))
        && annotations != null
        && cluster.equals(annotations.get(CLUSTER_ANNOTATION));
  }
}
