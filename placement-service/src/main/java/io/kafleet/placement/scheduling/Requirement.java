package io.kafleet.placement.scheduling;

import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code matchExpressions} list, with Kubernetes label-selector semantics: {@code
 * In} needs the key with one of the values, {@code NotIn} the key absent or with another value,
 * {@code Exists} and {@code DoesNotExist} only look at the key.
 */
public record Requirement(String key, Operator operator, List<String> values) {

  public enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist
  }

  public Requirement {
    values = List.copyOf(values);
  }

  public boolean matches(Map<String, String> set) {
    String value = set.get(key);
    return switch (operator) {
      case In -> value != null && values.contains(value);
      case NotIn -> value == null || !values.contains(value);
      case Exists -> value != null;
      case DoesNotExist -> value == null;
    };
  }

  @Override
  public String toString() {
    return values.isEmpty() ? key + " " + operator : key + " " + operator + " " + values;
  }
}
