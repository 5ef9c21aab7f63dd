package io.kafleet.validation;

/**
 * Istio's reading of a host in a VirtualService or DestinationRule: a short name is a Service in
 * the object's own namespace ({@code podinfo} in {@code default} is {@code
 * podinfo.default.svc.cluster.local}). Pure.
 */
public final class Hosts {

  public static final String CLUSTER_DOMAIN = ".svc.cluster.local";

  private Hosts() {}

  public static String qualify(String host, String namespace) {
    if (host.endsWith(CLUSTER_DOMAIN)) {
      return host;
    }
    if (host.endsWith(".svc")) {
      return host + ".cluster.local";
    }
    String[] labels = host.split("\\.", -1);
    return switch (labels.length) {
      case 1 -> host + "." + namespace + CLUSTER_DOMAIN;
      case 2 -> host + CLUSTER_DOMAIN;
      default -> host;
    };
  }

  /** The namespace and name of the Service a qualified host names, or null for other hosts. */
  public static String[] service(String qualifiedHost) {
    if (!qualifiedHost.endsWith(CLUSTER_DOMAIN)) {
      return null;
    }
    String[] labels =
        qualifiedHost.substring(0, qualifiedHost.length() - CLUSTER_DOMAIN.length()).split("\\.");
    return labels.length == 2 ? new String[] {labels[1], labels[0]} : null;
  }
}
