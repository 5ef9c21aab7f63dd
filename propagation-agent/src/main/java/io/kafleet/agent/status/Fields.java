package io.kafleet.agent.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading nested fields of an object's JSON tree (maps and lists) without casts at every step. */
final class Fields {

  private Fields() {}

  static Optional<Object> at(Object root, String... path) {
    Object current = root;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      current = map.get(step);
    }
    return Optional.ofNullable(current);
  }

  static long number(Object root, long fallback, String... path) {
    return at(root, path)
        .filter(Number.class::isInstance)
        .map(value -> ((Number) value).longValue())
        .orElse(fallback);
  }

  static Optional<String> text(Object root, String... path) {
    return at(root, path).filter(String.class::isInstance).map(String.class::cast);
  }

  static List<?> list(Object root, String... path) {
    return at(root, path)
        .filter(List.class::isInstance)
        .map(value -> (List<?>) value)
        .orElse(List.of());
  }

  /** The condition of that type in {@code status.conditions}, if any. */
  static Optional<Map<?, ?>> condition(Object root, String type) {
    for (Object condition : list(root, "status", "conditions")) {
      if (condition instanceof Map<?, ?> map && type.equals(map.get("type"))) {
        return Optional.of(map);
      }
    }
    return Optional.empty();
  }

  static boolean conditionIs(Object root, String type, String status) {
    return condition(root, type).map(c -> status.equals(c.get("status"))).orElse(false);
  }
}
