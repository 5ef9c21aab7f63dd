package io.kafleet.traffic.fleet;

import io.kafleet.schemas.ObjectKey;
import java.util.Comparator;

/** Helpers around {@link ObjectKey}. */
public final class ObjectKeys {

  static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::toString);

  private ObjectKeys() {}

  public static ObjectKey virtualService(String namespace, String name) {
    return new ObjectKey(FleetView.ISTIO_GROUP, FleetView.VIRTUAL_SERVICE, namespace, name);
  }

  public static boolean isVirtualService(ObjectKey key) {
    return key.group().equals(FleetView.ISTIO_GROUP)
        && key.kind().equals(FleetView.VIRTUAL_SERVICE);
  }
}
