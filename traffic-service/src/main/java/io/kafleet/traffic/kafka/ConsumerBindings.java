package io.kafleet.traffic.kafka;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Runs the consumer bindings of {@link FleetBindings} only while this instance leads: they are
 * bound with {@code auto-startup: false}, started when a term's start-up read is done and stopped
 * when it ends, so that each term's consumers resume exactly where its own read stopped. The first
 * term begins while the context starts, before the bindings exist; they are started then once the
 * context is refreshed (every binding bound). Not a lifecycle bean: being a dependency of {@link
 * TrafficLeadership}, it would be started before it, in its phase, and so before the bindings.
 */
final class ConsumerBindings implements ApplicationListener<ApplicationEvent> {

  private static final Logger log = LoggerFactory.getLogger(ConsumerBindings.class);

  private final ApplicationContext context;
  private final ObjectProvider<BindingsLifecycleController> controller;
  private final List<String> names;
  private boolean bound;
  private boolean wanted;

  ConsumerBindings(
      ApplicationContext context,
      ObjectProvider<BindingsLifecycleController> controller,
      List<String> names) {
    this.context = context;
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

  /** This context's own events only: the binder's child contexts publish to it too. */
  @Override
  public synchronized void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ContextRefreshedEvent refreshed
        && refreshed.getApplicationContext() == context) {
      bound = true;
      if (wanted) {
        change(true);
      }
    } else if (event instanceof ContextClosedEvent closed
        && closed.getApplicationContext() == context) {
      // The context stops the bindings itself.
      bound = false;
    }
  }

  private void change(boolean started) {
    BindingsLifecycleController bindings = controller.getObject();
    for (String name : names) {
      try {
        if (bindings.queryState(name).isEmpty()) {
          log.error(
              "binding {} is not bound: it cannot be {}", name, started ? "started" : "stopped");
        } else if (started) {
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
