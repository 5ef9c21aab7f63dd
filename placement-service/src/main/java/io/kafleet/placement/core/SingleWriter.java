package io.kafleet.placement.core;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one place the fleet model changes: one decision at a time, each written before it counts. The
 * handlers of every concern (templates and works, shifts, membership, statuses) decide through it,
 * since their decisions all change the same works; each holds it only while deciding and writing.
 */
public final class SingleWriter {

  private final FleetModel model;
  private final DecisionWriter writer;
  private final ReentrantLock lock = new ReentrantLock();

  public SingleWriter(FleetModel model, DecisionWriter writer) {
    this.model = model;
    this.writer = writer;
  }

  /**
   * Decides on the model, writes the decision's intents, and keeps it; a decision that throws, or
   * whose intents are not written, changes nothing.
   */
  public Decision decide(Function<FleetModel, Decision> decision) {
    lock.lock();
    try {
      Decision decided;
      try {
        decided = decision.apply(model);
        if (!decided.intents().isEmpty()) {
          writer.write(decided.intents());
        }
      } catch (RuntimeException e) {
        model.rollback();
        throw e;
      }
      model.confirm();
      return decided;
    } finally {
      lock.unlock();
    }
  }

  /** Reads the model between decisions. */
  public <T> T read(Function<FleetModel, T> query) {
    lock.lock();
    try {
      return query.apply(model);
    } finally {
      lock.unlock();
    }
  }
}
