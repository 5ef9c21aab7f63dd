package io.kafleet.placement.overrides;

import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change an override makes to the copy of a template a cluster receives. Each knows the field
 * of its policy it was written at, so that a failure can name it; a change that does not fit the
 * object fails (throws {@link CannotOverride}) instead of doing nothing.
 */
public sealed interface Overrider {

  /** Where in its policy this overrider is written, e.g. {@code spec.overrideRules[0]...}. */
  String field();

  void applyTo(ObjectNode manifest, ObjectKey key);

  /** Karmada's operators; each overrider accepts a subset of them. */
  enum Operator {
    add,
    remove,
    replace
  }

  /** Karmada's {@code plaintext} (and KubeVela's {@code json-patch}): one RFC 6902 operation. */
  record JsonPatch(String field, Operator operator, JsonPointer path, JsonNode value)
      implements Overrider {
    @Override
    public void applyTo(ObjectNode manifest, ObjectKey key) {
      switch (operator) {
        case add -> path.add(manifest, value);
        case replace -> path.replace(manifest, value);
        case remove -> path.remove(manifest);
      }
    }
  }

  /** KubeVela's {@code json-merge-patch} trait: an RFC 7386 merge patch. */
  record MergePatch(String field, ObjectNode patch) implements Overrider {
    @Override
    public void applyTo(ObjectNode manifest, ObjectKey key) {
      merge(manifest, patch);
    }

    public static void merge(ObjectNode target, ObjectNode patch) {
      for (Map.Entry<String, JsonNode> entry : patch.properties()) {
        JsonNode value = entry.getValue();
        JsonNode existing = target.get(entry.getKey());
        if (value.isNull()) {
          target.remove(entry.getKey());
        } else if (value instanceof ObjectNode nested && existing instanceof ObjectNode into) {
          merge(into, nested);
        } else if (value instanceof ObjectNode nested) {
          ObjectNode fresh = target.putObject(entry.getKey());
          merge(fresh, nested);
        } else {
          target.set(entry.getKey(), value.deepCopy());
        }
      }
    }
  }

  /**
   * Karmada's {@code imageOverrider}: changes one component of the image at {@code predicatePath},
   * or, without a predicate, of every container of a workload's pod template.
   */
  record Image(
      String field, Component component, Operator operator, String value, JsonPointer predicatePath)
      implements Overrider {

    public enum Component {
      Registry,
      Repository,
      Tag
    }

    @Override
    public void applyTo(ObjectNode manifest, ObjectKey key) {
      for (JsonPointer image : images(manifest, key)) {
        JsonNode current = image.find(manifest);
        if (current == null || !current.isString()) {
          throw new CannotOverride(image + " holds no image");
        }
        image.replace(manifest, JsonNodeFactory.instance.stringNode(change(current.asString())));
      }
    }

    private List<JsonPointer> images(ObjectNode manifest, ObjectKey key) {
      if (predicatePath != null) {
        return List.of(predicatePath);
      }
      List<JsonPointer> images = new ArrayList<>();
      Workloads.podSpec(key)
          .ifPresent(
              podSpec -> {
                JsonNode containers = podSpec.child("containers").find(manifest);
                for (int i = 0; containers != null && i < containers.size(); i++) {
                  images.add(podSpec.child("containers").child(String.valueOf(i)).child("image"));
                }
              });
      return images;
    }

    private String change(String current) {
      ImageReference image = ImageReference.parse(current);
      ImageReference changed =
          switch (component) {
            case Registry ->
                switch (operator) {
                  case add -> image.withRegistry(image.registry() + value);
                  case replace -> image.withRegistry(value);
                  case remove -> image.withRegistry("");
                };
            case Repository ->
                switch (operator) {
                  case add -> image.withRepository(image.repository() + value);
                  case replace -> image.withRepository(value);
                  case remove ->
                      throw new CannotOverride(
                          "removing the repository of " + current + " leaves no image");
                };
            case Tag ->
                switch (operator) {
                  case add -> image.withTagOrDigest(image.tagOrDigest() + value);
                  case replace -> image.withTagOrDigest(value);
                  case remove -> image.withoutTagOrDigest();
                };
          };
      return changed.toString();
    }
  }

  /**
   * Karmada's {@code commandOverrider} / {@code argsOverrider}: appends values to (add) or removes
   * values from (remove) the command or args of the named container of a workload's pod template. A
   * container of that name that is not there changes nothing, as in Karmada.
   */
  record CommandArgs(
      String field, String target, String containerName, Operator operator, List<String> values)
      implements Overrider {

    public CommandArgs {
      values = List.copyOf(values);
    }

    @Override
    public void applyTo(ObjectNode manifest, ObjectKey key) {
      Workloads.podSpec(key)
          .map(podSpec -> podSpec.child("containers").find(manifest))
          .filter(JsonNode::isArray)
          .ifPresent(
              containers -> {
                for (JsonNode container : containers) {
                  if (container instanceof ObjectNode object
                      && containerName.equals(object.path("name").asString(""))) {
                    object.set(target, changed(object.get(target)));
                  }
                }
              });
    }

    private ArrayNode changed(JsonNode current) {
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      if (current != null && !current.isNull()) {
        if (!current.isArray()) {
          throw new CannotOverride(target + " of container " + containerName + " is not a list");
        }
        for (JsonNode value : current) {
          if (operator != Operator.remove || !values.contains(value.asString(""))) {
            result.add(value);
          }
        }
      }
      if (operator == Operator.add) {
        values.forEach(result::add);
      }
      return result;
    }
  }

  /**
   * Karmada's {@code labelsOverrider} / {@code annotationsOverrider} on {@code metadata.<map>}: add
   * sets each key, replace and remove act only on keys that are there (Karmada skips the others).
   */
  record MetadataMap(String field, String map, Operator operator, Map<String, String> values)
      implements Overrider {

    public MetadataMap {
      values = Map.copyOf(values);
    }

    @Override
    public void applyTo(ObjectNode manifest, ObjectKey key) {
      ObjectNode metadata = (ObjectNode) manifest.get("metadata");
      JsonNode existing = metadata.get(map);
      if (existing != null && !existing.isObject() && !existing.isNull()) {
        throw new CannotOverride("metadata." + map + " is not a map");
      }
      ObjectNode entries =
          existing instanceof ObjectNode object
              ? object
              : operator == Operator.add ? metadata.putObject(map) : null;
      if (entries == null) {
        return;
      }
      values.forEach(
          (name, value) -> {
            switch (operator) {
              case add -> entries.put(name, value);
              case replace -> {
                if (entries.has(name)) {
                  entries.put(name, value);
                }
              }
              case remove -> entries.remove(name);
            }
          });
    }
  }

  /**
   * KubeVela's {@code labels} / {@code annotations} traits: set each key (a null value removes it)
   * on the object and on its pod template, if it has one.
   */
  record WorkloadMetadata(String field, String map, ObjectNode values) implements Overrider {
    @Override
    public void applyTo(ObjectNode manifest, ObjectKey key) {
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      patch.putObject("metadata").set(map, values);
      MergePatch.merge(manifest, patch);
      if (manifest.path("spec").path("template") instanceof ObjectNode template) {
        MergePatch.merge(template, patch);
      }
    }
  }
}
