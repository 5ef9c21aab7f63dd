package io.kafleet.devstack;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch over Jackson 3 trees, for {@code application/json-patch+json} requests: add,
 * remove, replace, move, copy and test. fabric8's own implementation works on Jackson 2 trees,
 * which kafleet's code does not use.
 */
final class JsonPatches {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonPatches() {}

  /** Applies a patch given as text. */
  static JsonNode apply(String patch, JsonNode target) {
    JsonNode operations;
    try {
      operations = JSON.readTree(patch);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the patch is not JSON: " + e.getOriginalMessage(), e);
    }
    return apply(operations, target);
  }

  /**
   * The target with every operation applied in order; the target itself is left unchanged.
   *
   * @throws IllegalArgumentException naming the operation (by index) that could not be applied
   */
  static JsonNode apply(JsonNode patch, JsonNode target) {
    if (!patch.isArray()) {
      throw new IllegalArgumentException("a JSON patch is an array of operations");
    }
    JsonNode document = target.deepCopy();
    for (int i = 0; i < patch.size(); i++) {
      JsonNode operation = patch.get(i);
      try {
        document = applyOne(operation, document);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("JSON patch operation " + i + ": " + e.getMessage(), e);
      }
    }
    return document;
  }

  private static JsonNode applyOne(JsonNode operation, JsonNode document) {
    String op = member(operation, "op");
    JsonPointer path = pointer(member(operation, "path"));
    return switch (op) {
      case "add" -> add(document, path, value(operation));
      case "remove" -> remove(document, path);
      case "replace" ->
          path.matches()
              ? value(operation).deepCopy()
              : add(remove(document, path), path, value(operation));
      case "move" -> {
        JsonPointer from = pointer(member(operation, "from"));
        JsonNode moved = existing(document, from);
        yield add(remove(document, from), path, moved);
      }
      case "copy" -> add(document, path, existing(document, pointer(member(operation, "from"))));
      case "test" -> {
        if (!existing(document, path).equals(value(operation))) {
          throw new IllegalArgumentException("test failed at " + path);
        }
        yield document;
      }
      default -> throw new IllegalArgumentException("unknown op '" + op + "'");
    };
  }

  private static JsonNode add(JsonNode document, JsonPointer path, JsonNode value) {
    if (path.matches()) {
      return value.deepCopy();
    }
    JsonNode parent = existing(document, path.head());
    String last = path.last().getMatchingProperty();
    if (parent instanceof ObjectNode object) {
      object.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode array) {
      int index = last.equals("-") ? array.size() : index(last, array.size());
      array.insert(index, value.deepCopy());
    } else {
      throw new IllegalArgumentException("the parent of " + path + " is not a container");
    }
    return document;
  }

  private static JsonNode remove(JsonNode document, JsonPointer path) {
    if (path.matches()) {
      throw new IllegalArgumentException("cannot remove the whole document");
    }
    existing(document, path);
    JsonNode parent = document.at(path.head());
    String last = path.last().getMatchingProperty();
    if (parent instanceof ObjectNode object) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array) {
      array.remove(index(last, array.size() - 1));
    }
    return document;
  }

  private static JsonNode existing(JsonNode document, JsonPointer path) {
    JsonNode found = document.at(path);
    if (found.isMissingNode()) {
      throw new IllegalArgumentException("no value at " + path);
    }
    return found;
  }

  private static int index(String token, int max) {
    if (!token.matches("0|[1-9][0-9]{0,8}") || Integer.parseInt(token) > max) {
      throw new IllegalArgumentException("array index '" + token + "' is out of range");
    }
    return Integer.parseInt(token);
  }

  private static String member(JsonNode operation, String name) {
    JsonNode member = operation.path(name);
    if (!member.isString()) {
      throw new IllegalArgumentException("'" + name + "' is missing or not a string");
    }
    return member.stringValue();
  }

  private static JsonNode value(JsonNode operation) {
    if (!operation.has("value")) {
      throw new IllegalArgumentException("'value' is missing");
    }
    return operation.get("value");
  }

  private static JsonPointer pointer(String text) {
    try {
      return JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a JSON pointer", e);
    }
  }
}
