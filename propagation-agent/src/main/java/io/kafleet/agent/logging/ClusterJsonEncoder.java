package io.kafleet.agent.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Logback's own JSON encoder, one object per line, whose {@code mdc} always holds the agent's
 * {@code cluster}: the Kafka clients' and the Kubernetes client's threads log too, and they carry
 * no MDC of the agent's. The formatted message is written besides the pattern; the logger context's
 * properties and the raw arguments are left out.
 */
public final class ClusterJsonEncoder extends JsonEncoder {

  /** The MDC key of the agent's cluster on every line. */
  public static final String CLUSTER = "cluster";

  private final String cluster;

  public ClusterJsonEncoder(String cluster) {
    this.cluster = cluster;
    setWithFormattedMessage(true);
    setWithSequenceNumber(false);
    setWithContext(false);
    setWithArguments(false);
  }

  @Override
  protected void appendMDC(StringBuilder sb, ILoggingEvent event) {
    Map<String, String> mdc = new TreeMap<>(orEmpty(event.getMDCPropertyMap()));
    mdc.putIfAbsent(CLUSTER, cluster);
    sb.append(VALUE_SEPARATOR);
    appendMap(sb, MDC_ATTR_NAME, mdc);
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
