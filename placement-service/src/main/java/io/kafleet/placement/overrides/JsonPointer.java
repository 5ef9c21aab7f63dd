package io.kafleet.placement.overrides;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An RFC 6901 JSON pointer with the RFC 6902 operations Karmada's plaintext overrider offers: add,
 * remove and replace, each failing as RFC 6902 says (a missing target for remove and replace, a
 * missing parent for add) instead of doing nothing.
 */
public record JsonPointer(String text, List<String> tokens) {

  public JsonPointer {
    tokens = List.copyOf(tokens);
  }

  /** Null when the text is not a pointer to a field (it must start with a slash). */
  public static JsonPointer parse(String text) {
    if (text == null || !text.startsWith("/")) {
      return null;
    }
    List<String> tokens = new ArrayList<>();
    for (String token : text.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return new JsonPointer(text, tokens);
  }

  public static JsonPointer of(String... tokens) {
    StringBuilder text = new StringBuilder();
    for (String token : tokens) {
      text.append('/').append(token.replace("~", "~0").replace("/", "~1"));
    }
    return new JsonPointer(text.toString(), List.of(tokens));
  }

  JsonPointer child(String token) {
    List<String> longer = new ArrayList<>(tokens);
    longer.add(token);
    return of(longer.toArray(String[]::new));
  }

  /** The value at this pointer, or null when there is none. */
  JsonNode find(JsonNode root) {
    JsonNode current = root;
    for (String token : tokens) {
      current = step(current, token);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  void add(JsonNode root, JsonNode value) {
    JsonNode parent = parentOf(root, "add");
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode array) {
      int index = last.equals("-") ? array.size() : index(last, array.size());
      array.insert(index, value.deepCopy());
    } else {
      throw new CannotOverride("add " + text + ": the parent is neither an object nor a list");
    }
  }

  void replace(JsonNode root, JsonNode value) {
    JsonNode parent = existingParentOf(root, "replace");
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value.deepCopy());
    } else {
      ((ArrayNode) parent).set(index(last, ((ArrayNode) parent).size() - 1), value.deepCopy());
    }
  }

  void remove(JsonNode root) {
    JsonNode parent = existingParentOf(root, "remove");
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.remove(last);
    } else {
      ((ArrayNode) parent).remove(index(last, ((ArrayNode) parent).size() - 1));
    }
  }

  @Override
  public String toString() {
    return text;
  }

  private JsonNode parentOf(JsonNode root, String operation) {
    if (tokens.isEmpty()) {
      throw new CannotOverride(operation + " needs a path below the object's root");
    }
    JsonNode parent = new JsonPointer("", tokens.subList(0, tokens.size() - 1)).find(root);
    if (parent == null) {
      throw new CannotOverride(
          operation + " " + text + ": the object has nothing at " + parentText() + " to hold it");
    }
    return parent;
  }

  private JsonNode existingParentOf(JsonNode root, String operation) {
    JsonNode parent = parentOf(root, operation);
    if (find(root) == null) {
      throw new CannotOverride(operation + " " + text + ": the object has no value there");
    }
    return parent;
  }

  private String parentText() {
    int slash = text.lastIndexOf('/');
    return slash <= 0 ? "/" : text.substring(0, slash);
  }

  private static JsonNode step(JsonNode node, String token) {
    if (node instanceof ObjectNode object) {
      return object.get(token);
    }
    if (node instanceof ArrayNode array && token.matches("0|[1-9][0-9]{0,8}")) {
      int index = Integer.parseInt(token);
      return index < array.size() ? array.get(index) : null;
    }
    return null;
  }

  private int index(String token, int max) {
    if (!token.matches("0|[1-9][0-9]{0,8}") || Integer.parseInt(token) > max) {
      throw new CannotOverride(text + ": '" + token + "' is not an index of the list");
    }
    return Integer.parseInt(token);
  }
}
