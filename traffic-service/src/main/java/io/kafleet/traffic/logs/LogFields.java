package io.kafleet.traffic.logs;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The fields an operator filters traffic-service's logs on, in the SLF4J MDC for the work they
 * describe (with {@code logging.structured.format.console=ecs} every line is JSON and carries
 * them): {@code shift}, {@code rollout}, {@code cluster} and {@code object}, the VirtualService's
 * key as kafleet prints it. Used with try-with-resources; closing restores what the fields were
 * before, so that a shift published by a rollout step leaves the step's fields as they were.
 */
public final class LogFields implements AutoCloseable {

  public static final String SHIFT = "shift";
  public static final String ROLLOUT = "rollout";
  public static final String CLUSTER = "cluster";
  public static final String OBJECT = "object";

  private record Previous(String key, String value) {}

  private final List<Previous> previous;

  private LogFields(List<Previous> previous) {
    this.previous = previous;
  }

  /** Sets the fields, given as key, value, key, value...; a null value leaves its key as it is. */
  public static LogFields of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("fields come as key, value pairs");
    }
    List<Previous> previous = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = keysAndValues[i];
      String value = keysAndValues[i + 1];
      if (value != null) {
        previous.add(new Previous(key, MDC.get(key)));
        MDC.put(key, value);
      }
    }
    return new LogFields(previous);
  }

  @Override
  public void close() {
    for (int i = previous.size() - 1; i >= 0; i--) {
      Previous field = previous.get(i);
      if (field.value() == null) {
        MDC.remove(field.key());
      } else {
        MDC.put(field.key(), field.value());
      }
    }
  }
}
