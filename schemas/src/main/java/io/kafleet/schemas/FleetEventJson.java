package io.kafleet.schemas;

import io.kafleet.events.FleetEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON rendering of a {@link FleetEvent}, shared by {@code kafleet events -o json} and the
 * console's event tail: every field, unions as their value, enums as their name, timestamps as ISO
 * instants, map keys sorted, and the payload's variant first as {@code type}.
 */
public final class FleetEventJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JSON.getNodeFactory();

  private FleetEventJson() {}

  /** The event's variant, e.g. {@code ShiftProgress}: its payload's record name. */
  public static String type(FleetEvent event) {
    return event.getPayload().getClass().getSimpleName();
  }

  /** One compact line: {@code {"type": "ShiftProgress", "eventId": ..., "payload": {...}}}. */
  public static String json(FleetEvent event) {
    ObjectNode node = NODES.objectNode();
    node.put("type", type(event));
    node.setAll((ObjectNode) tree(event));
    return JSON.writeValueAsString(node);
  }

  /** Any Avro value of the generated classes as JSON, field for field. */
  private static JsonNode tree(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof SpecificRecord record) {
      ObjectNode node = NODES.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        node.set(field.name(), tree(record.get(field.pos())));
      }
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      new TreeMap<>(map).forEach((k, v) -> node.set(k.toString(), tree(v)));
      return node;
    }
    if (value instanceof List<?> list) {
      ArrayNode node = NODES.arrayNode();
      list.forEach(item -> node.add(tree(item)));
      return node;
    }
    if (value instanceof Instant instant) {
      return NODES.stringNode(instant.toString());
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      // JSON has no NaN or infinity (a Prometheus answer may be NaN): those stay strings
      return number.isNaN() || number.isInfinite()
          ? NODES.stringNode(number.toString())
          : NODES.numberNode(number);
    }
    return NODES.stringNode(value.toString());
  }
}
