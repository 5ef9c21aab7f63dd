package io.kafleet.agent.logging;

import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The MDC of the lines logged about one object while it is applied, removed or set back: {@value
 * #OBJECT} (its key as kafleet prints it, {@code group/Kind/namespace/name}) and {@value
 * #GENERATION} (its template's generation, when a work is known), set around a piece of work on the
 * thread that does it. Afterwards the thread has back what it had before, so nothing leaks into the
 * next line.
 */
public final class ObjectLog implements AutoCloseable {

  public static final String OBJECT = "object";
  public static final String GENERATION = "generation";

  private final String previousObject;
  private final String previousGeneration;

  private ObjectLog(String previousObject, String previousGeneration) {
    this.previousObject = previousObject;
    this.previousGeneration = previousGeneration;
  }

  /** Runs the body with the object's keys in this thread's MDC; {@code work} may be null. */
  public static <T> T call(ObjectKey key, Work work, Supplier<T> body) {
    ObjectLog log = of(key, work);
    try {
      return body.get();
    } finally {
      log.close();
    }
  }

  /** Runs the body with the object's keys in this thread's MDC; {@code work} may be null. */
  public static void run(ObjectKey key, Work work, Runnable body) {
    call(
        key,
        work,
        () -> {
          body.run();
          return null;
        });
  }

  /** Sets the keys for this thread until closed; {@code work} may be null (a removal). */
  static ObjectLog of(ObjectKey key, Work work) {
    ObjectLog log = new ObjectLog(MDC.get(OBJECT), MDC.get(GENERATION));
    MDC.put(OBJECT, key.toString());
    if (work != null) {
      MDC.put(GENERATION, String.valueOf(work.getTemplateGeneration()));
    } else {
      MDC.remove(GENERATION);
    }
    return log;
  }

  @Override
  public void close() {
    restore(OBJECT, previousObject);
    restore(GENERATION, previousGeneration);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
