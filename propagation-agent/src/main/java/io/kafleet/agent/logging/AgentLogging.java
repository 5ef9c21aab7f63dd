package io.kafleet.agent.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/** Switches the agent's log lines on stdout to JSON, before the agent logs anything. */
public final class AgentLogging {

  private AgentLogging() {}

  /**
   * Gives every appender of the root logger that writes a stream (the console appender of
   * logback.xml) a {@link ClusterJsonEncoder} for this cluster.
   */
  public static void useJson(String cluster) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        ClusterJsonEncoder encoder = new ClusterJsonEncoder(cluster);
        encoder.setContext(context);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
      }
    }
  }
}
