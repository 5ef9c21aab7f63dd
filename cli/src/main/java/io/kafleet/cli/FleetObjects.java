package io.kafleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Finds stored objects the way a user names them: a kind, a name, a namespace. */
final class FleetObjects {

  private FleetObjects() {}

  /**
   * The stored objects of the kind, in the namespace (cluster-scoped ones too), by name if given.
   */
  static List<JsonNode> find(ServiceApi api, String kind, String name, String namespace) {
    String query = "/api/v1/objects?kind=" + ServiceApi.encode(Kinds.normalize(kind));
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode object : api.get(query)) {
      String[] key = object.path("objectKey").asString().split("/", 4);
      boolean inNamespace = namespace == null || key[2].equals(namespace) || key[2].equals("_");
      if (inNamespace && (name == null || key[3].equals(name))) {
        found.add(object);
      }
    }
    return found;
  }

  /** The one stored object so named, or an error saying it is not there. */
  static String keyOf(ServiceApi api, String kind, String name, String namespace) {
    List<JsonNode> found = find(api, kind, name, namespace);
    if (found.isEmpty()) {
      throw new CliException(
          Kinds.normalize(kind) + " \"" + name + "\" not found in namespace " + namespace);
    }
    return found.get(0).path("objectKey").asString();
  }

  /** {@code kind/name}, as kubectl prints objects. */
  static String shortName(String objectKey) {
    String[] key = objectKey.split("/", 4);
    return key[1].toLowerCase(Locale.ROOT) + "/" + key[3];
  }
}
