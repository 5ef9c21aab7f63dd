package io.kafleet.placement.web;

import io.kafleet.sealing.SecretManifests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored document as the API shows it to a viewer: a Secret's values are withheld (their keys
 * stay), since a viewer may read the fleet but not its secrets.
 */
final class ShownManifest {

  static final String WITHHELD = "(withheld)";

  private ShownManifest() {}

  static JsonNode of(String objectKey, JsonNode document) {
    if (!SecretManifests.isSecret(objectKey) || !(document instanceof ObjectNode object)) {
      return document;
    }
    ObjectNode shown = object.deepCopy();
    for (String field : SecretManifests.SEALED_FIELDS) {
      if (shown.get(field) instanceof ObjectNode values) {
        for (String name : java.util.List.copyOf(values.propertyNames())) {
          values.put(name, WITHHELD);
        }
      }
    }
    return shown;
  }
}
