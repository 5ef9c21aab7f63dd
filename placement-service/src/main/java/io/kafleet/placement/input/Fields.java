package io.kafleet.placement.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Strict reading of one object of a policy: every field is one kafleet reads, one it knows but does
 * not support yet, or a mistake; the last two are errors naming the field, never ignored.
 */
record Fields(JsonNode node, String path, String objectKind) {

  static Fields of(JsonNode node, String path, String objectKind) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return new Fields(JsonNodeFactory.instance.objectNode(), path, objectKind);
    }
    if (!node.isObject()) {
      throw new InvalidInputException(path, "must be an object, not " + node.getNodeType());
    }
    return new Fields(node, path, objectKind);
  }

  /** Fails on the first field that is neither supported nor ignorable. */
  Fields allow(Set<String> supported, Set<String> notSupportedYet) {
    for (String name : node.propertyNames()) {
      if (notSupportedYet.contains(name)) {
        throw new InvalidInputException(
            at(name), "is a " + objectKind + " field kafleet does not support yet");
      }
      if (!supported.contains(name)) {
        throw new InvalidInputException(at(name), "is not a field of " + objectKind + " " + path);
      }
    }
    return this;
  }

  /**
   * Fails on the first field that is one of {@code reasons}' keys, with its reason: fields kafleet
   * knows and will not honour, for a reason of their own.
   */
  Fields refuse(Map<String, String> reasons) {
    for (String name : node.propertyNames()) {
      if (reasons.containsKey(name)) {
        throw new InvalidInputException(at(name), reasons.get(name));
      }
    }
    return this;
  }

  Fields object(String name) {
    return Fields.of(node.get(name), at(name), objectKind);
  }

  /** The raw value of a field, or null when it is absent or null. */
  JsonNode value(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  boolean bool(String name, boolean fallback) {
    JsonNode value = value(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidInputException(at(name), "must be true or false");
    }
    return value.asBoolean();
  }

  /** A string field that must be one of the given values, or null when absent. */
  String oneOf(String name, List<String> allowed) {
    String value = text(name);
    if (value != null && !allowed.contains(value)) {
      throw new InvalidInputException(
          at(name), "'" + value + "' is not one of " + String.join(", ", allowed));
    }
    return value;
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  String text(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new InvalidInputException(at(name), "must be a string");
    }
    return value.asString();
  }

  String requiredText(String name) {
    String value = text(name);
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(at(name), "is required");
    }
    return value;
  }

  int integer(String name, int fallback) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isInt()) {
      throw new InvalidInputException(at(name), "must be an integer");
    }
    return value.asInt();
  }

  /** A number field, or null when it is absent or null. */
  Double number(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidInputException(at(name), "must be a number");
    }
    return value.asDouble();
  }

  List<String> strings(String name) {
    List<String> values = new ArrayList<>();
    int index = 0;
    for (JsonNode value : array(name)) {
      if (!value.isString()) {
        throw new InvalidInputException(at(name) + "[" + index + "]", "must be a string");
      }
      values.add(value.asString());
      index++;
    }
    return values;
  }

  List<Fields> objects(String name) {
    List<Fields> values = new ArrayList<>();
    int index = 0;
    for (JsonNode value : array(name)) {
      values.add(Fields.of(value, at(name) + "[" + index++ + "]", objectKind));
    }
    return values;
  }

  Map<String, String> stringMap(String name) {
    Map<String, String> values = new LinkedHashMap<>();
    Fields map = object(name);
    for (String key : map.node().propertyNames()) {
      values.put(key, map.requiredText(key));
    }
    return values;
  }

  private JsonNode array(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!value.isArray()) {
      throw new InvalidInputException(at(name), "must be a list");
    }
    return value;
  }

  String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
