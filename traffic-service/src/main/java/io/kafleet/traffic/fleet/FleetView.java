package io.kafleet.traffic.fleet;

import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.validation.DestinationRuleCatalog;
import io.kafleet.validation.Hosts;
import io.kafleet.validation.KnownSubsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fleet as traffic-service knows it from Kafka: the templates (VirtualServices,
 * DestinationRules, Services), the works placement-service sent each cluster for them, and the
 * agents' latest reports. Plain data; the owner serialises access.
 */
public final class FleetView {

  public static final String ISTIO_GROUP = "networking.istio.io";
  public static final String VIRTUAL_SERVICE = "VirtualService";

  private final Map<ObjectKey, StoredTemplate> templates = new HashMap<>();
  private final Map<ObjectKey, Map<String, WorkView>> works = new HashMap<>();
  private final Map<ObjectKey, Map<String, WorkStatus>> reports = new HashMap<>();

  /** Stores the template, or forgets it when {@code template} is null (a tombstone). */
  public void putTemplate(ObjectKey key, StoredTemplate template) {
    if (template == null) {
      templates.remove(key);
    } else {
      templates.put(key, template);
    }
  }

  public Optional<StoredTemplate> template(ObjectKey key) {
    return Optional.ofNullable(templates.get(key));
  }

  /** The VirtualService templates, by namespace then name. */
  public List<ObjectKey> virtualServices() {
    return templates.keySet().stream()
        .filter(ObjectKeys::isVirtualService)
        .sorted(Comparator.comparing(ObjectKey::namespace).thenComparing(ObjectKey::name))
        .toList();
  }

  /** Records the work a cluster holds for an object, or its removal when {@code work} is null. */
  public void putWork(String cluster, ObjectKey key, WorkView work) {
    if (work == null) {
      Map<String, WorkView> byCluster = works.get(key);
      if (byCluster != null) {
        byCluster.remove(cluster);
      }
    } else {
      works.computeIfAbsent(key, k -> new HashMap<>()).put(cluster, work);
    }
  }

  public Optional<WorkView> work(String cluster, ObjectKey key) {
    return Optional.ofNullable(works.getOrDefault(key, Map.of()).get(cluster));
  }

  /** The clusters placement-service has sent the object to, by name. */
  public Set<String> clustersHolding(ObjectKey key) {
    return new TreeSet<>(works.getOrDefault(key, Map.of()).keySet());
  }

  public void putReport(String cluster, ObjectKey key, WorkStatus report) {
    if (report == null) {
      Map<String, WorkStatus> byCluster = reports.get(key);
      if (byCluster != null) {
        byCluster.remove(cluster);
      }
    } else {
      reports.computeIfAbsent(key, k -> new HashMap<>()).put(cluster, report);
    }
  }

  public Optional<WorkStatus> report(String cluster, ObjectKey key) {
    return Optional.ofNullable(reports.getOrDefault(key, Map.of()).get(cluster));
  }

  /**
   * The DestinationRule whose host is {@code qualifiedHost} and its subsets, found as an apply
   * finds it (see {@link DestinationRuleCatalog}).
   */
  public Optional<KnownSubsets> destinationRuleFor(String qualifiedHost) {
    return DestinationRuleCatalog.of(
            templates.values().stream().map(StoredTemplate::document).toList())
        .forHost(qualifiedHost);
  }

  /** True when the host names a Service that is a fleet template. */
  public boolean serviceKnown(String qualifiedHost) {
    String[] service = Hosts.service(qualifiedHost);
    return service != null
        && templates.containsKey(
            new ObjectKey(ObjectKey.CORE_GROUP, "Service", service[0], service[1]));
  }
}
