package io.kafleet.traffic.kafka;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the consumer bindings of {@link FleetBindings} only while this instance leads: they are
 * bound with {@code auto-startup: false}, started when a term's start-up read is done and stopped
 * when it ends, so that each term's consumers resume exactly where its own read stopped. A term can
 * begin before the bindings exist (the first election waits in an earlier phase); they are started
 * then once the context has bound them, in this object's phase.
 */
final class ConsumerBindings implements SmartLifecycle {

  /** After the bindings are bound ({@code Integer.MAX_VALUE - 3000}), before the web server. */
  static final int PHASE = Integer.MAX_VALUE - 2000;

  private static final Logger log = LoggerFactory.getLogger(ConsumerBindings.class);

  private final ObjectProvider<BindingsLifecycleController> controller;
  private final List<String> names;
  private boolean bound;
  private boolean wanted;

  ConsumerBindings(ObjectProvider<BindingsLifecycleController> controller, List<String> names) {
    this.controller = controller;
    this.names = List.copyOf(names);
  }

  /** A term began: consume. */
  synchronized void follow() {
    wanted = true;
    if (bound) {
      change(true);
    }
  }

  /** The term ended: stop consuming (a batch in progress finishes first). */
  synchronized void unfollow() {
    wanted = false;
    if (bound) {
      change(false);
    }
  }

  @Override
  public synchronized void start() {
    bound = true;
    if (wanted) {
      change(true);
    }
  }

  /** The context stops the bindings itself. */
  @Override
  public synchronized void stop() {
    bound = false;
  }

  @Override
  public synchronized boolean isRunning() {
    return bound;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void change(boolean started) {
    BindingsLifecycleController bindings = controller.getObject();
    for (String name : names) {
      try {
        if (started) {
          bindings.start(name);
        } else {
          bindings.stop(name);
        }
      } catch (RuntimeException e) {
        log.warn("binding {}: {} failed: {}", name, started ? "start" : "stop", e.toString());
      }
    }
  }
}
