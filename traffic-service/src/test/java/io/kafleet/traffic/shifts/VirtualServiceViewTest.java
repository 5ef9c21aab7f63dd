package io.kafleet.traffic.shifts;

import static io.kafleet.traffic.shifts.Podinfo.BLUE;
import static io.kafleet.traffic.shifts.Podinfo.GREEN_80;
import static io.kafleet.traffic.shifts.Podinfo.T0;
import static io.kafleet.traffic.shifts.Podinfo.VS;
import static io.kafleet.traffic.shifts.Podinfo.report;
import static io.kafleet.traffic.shifts.Podinfo.route0;
import static io.kafleet.traffic.shifts.Podinfo.work;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.shifts.VirtualServiceView.ClusterRoutes;
import io.kafleet.traffic.shifts.VirtualServiceView.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** A VirtualService as the console sees it: desired and observed routes per cluster, last shift. */
class VirtualServiceViewTest {

  private static final String NAMED_ROUTE =
      """
      {"apiVersion":"networking.istio.io/v1alpha3","kind":"VirtualService",
       "metadata":{"name":"podinfo"},
       "spec":{"hosts":["*"],
        "http":[{"name":"primary",
         "route":[{"destination":{"host":"podinfo","subset":"green"},"weight":30},
                  {"destination":{"host":"podinfo","subset":"blue"},"weight":70}]}]}}
      """;

  private final FleetView fleet = Podinfo.fleet();
  private final ShiftBook book = new ShiftBook(Duration.ofSeconds(60));

  @Test
  void beforeAnyReportEachClusterShowsWhatItWasSentAndNothingObserved() {
    VirtualServiceView view = VirtualServiceView.of(VS, fleet, book.history(VS));

    assertThat(view.virtualService()).isEqualTo("default/podinfo");
    assertThat(view.namespace()).isEqualTo("default");
    assertThat(view.name()).isEqualTo("podinfo");
    assertThat(view.clusters()).containsOnlyKeys("member1", "member2");
    ClusterRoutes member1 = view.clusters().get("member1");
    assertThat(describe(member1.desired())).isEqualTo("0:null podinfo/blue:80=100");
    assertThat(member1.observed()).isEmpty();
    assertThat(member1.generation()).isEqualTo(1);
    assertThat(member1.appliedGeneration()).isNull();
    assertThat(member1.phase()).isNull();
    assertThat(member1.reportedAt()).isNull();
    assertThat(view.lastShift()).as("no shift asked yet").isNull();
    assertThat(view.subsets())
        .as("the DestinationRule's subsets, though the route sends only to blue")
        .containsExactly("blue", "green");
  }

  @Test
  void aConvergedShiftShowsDesiredAndObservedWeightsPerClusterAndTheShiftConverged() {
    book.register(shift("s1", T0));
    publishDue(T0.plusSeconds(1));
    sendGreen80("member1", "member2");
    fleet.putReport("member1", VS, report("member1", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    fleet.putReport("member2", VS, report("member2", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    publishDue(T0.plusSeconds(2));

    VirtualServiceView view = VirtualServiceView.of(VS, fleet, book.history(VS));

    for (String cluster : List.of("member1", "member2")) {
      ClusterRoutes routes = view.clusters().get(cluster);
      assertThat(describe(routes.desired()))
          .as(cluster)
          .isEqualTo("0:null podinfo/green:80=80,podinfo/blue:80=20");
      assertThat(describe(routes.observed())).as(cluster).isEqualTo(describe(routes.desired()));
      assertThat(routes.generation()).isEqualTo(2);
      assertThat(routes.appliedGeneration()).isEqualTo(2);
      assertThat(routes.phase()).isEqualTo("Applied");
      assertThat(routes.reportedAt()).isEqualTo(T0);
    }
    assertThat(view.lastShift()).isEqualTo(new VirtualServiceView.LastShift("s1", T0, true, true));
  }

  @Test
  void aClusterThatReportedOtherWeightsShowsThemBesideWhatItWasSent() {
    book.register(shift("s1", T0));
    publishDue(T0.plusSeconds(1));
    sendGreen80("member1");
    fleet.putReport("member1", VS, report("member1", WorkPhase.Failed, "hash-blue", 1, BLUE));
    publishDue(T0.plusSeconds(2));

    VirtualServiceView view = VirtualServiceView.of(VS, fleet, book.history(VS));

    ClusterRoutes member1 = view.clusters().get("member1");
    assertThat(describe(member1.desired()))
        .isEqualTo("0:null podinfo/green:80=80,podinfo/blue:80=20");
    assertThat(describe(member1.observed())).isEqualTo("0:null podinfo/blue:80=100");
    assertThat(member1.generation()).isEqualTo(2);
    assertThat(member1.appliedGeneration()).isEqualTo(1);
    assertThat(member1.phase()).isEqualTo("Failed");
    assertThat(view.clusters().get("member2").generation()).as("not sent yet").isEqualTo(1);
    assertThat(view.lastShift())
        .as("still waiting: not completed, no verdict")
        .isEqualTo(new VirtualServiceView.LastShift("s1", T0, false, null));
  }

  @Test
  void theLastShiftIsTheNewestAskedAndAClusterNoLongerSentTheObjectIsLeftOut() {
    book.register(shift("later", T0.plusSeconds(30)));
    book.register(shift("earlier", T0));
    fleet.putWork("member2", VS, null);
    fleet.putWork("member1", VS, work(3, "hash-named", NAMED_ROUTE));

    VirtualServiceView view = VirtualServiceView.of(VS, fleet, book.history(VS));

    assertThat(view.lastShift().shiftId()).isEqualTo("later");
    assertThat(view.lastShift().requestedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(view.clusters()).containsOnlyKeys("member1");
    assertThat(describe(view.clusters().get("member1").desired()))
        .as("a named route keeps its name; a port not given stays null")
        .isEqualTo("0:primary podinfo/green:null=30,podinfo/blue:null=70");
  }

  @Test
  void theFleetListsItsVirtualServicesByNamespaceThenNameAndNothingElse() {
    ObjectKey other = ObjectKeys.virtualService("apps", "zeta");
    ObjectKey sameNamespace = ObjectKeys.virtualService("default", "alpha");
    fleet.putTemplate(other, Podinfo.template(1, BLUE, "bob"));
    fleet.putTemplate(sameNamespace, Podinfo.template(1, BLUE, "bob"));

    assertThat(fleet.virtualServices())
        .as("the DestinationRule and the Service are not VirtualServices")
        .containsExactly(other, sameNamespace, VS);

    fleet.putTemplate(other, null);
    assertThat(fleet.virtualServices()).containsExactly(sameNamespace, VS);
  }

  private void sendGreen80(String... clusters) {
    fleet.putTemplate(VS, Podinfo.template(2, GREEN_80, "alice (shift s1)"));
    for (String cluster : clusters) {
      fleet.putWork(cluster, VS, work(2, "hash-green", GREEN_80));
    }
  }

  private static ShiftRecord shift(String id, Instant at) {
    return new ShiftRecord(
        id,
        VS,
        route0(GREEN_80),
        null,
        List.of(),
        "alice",
        at,
        ShiftRecord.Origin.API,
        1L,
        null,
        null,
        null);
  }

  /** As the shift desk: whatever the book finds due is published, then taken in. */
  private void publishDue(Instant now) {
    for (SpecificRecord payload : book.evaluate(fleet, now)) {
      book.apply(new FleetEvent("e-" + now, null, "test", now, payload));
    }
  }

  /** Each route as {@code index:name host/subset:port=weight,...}, routes joined by {@code ;}. */
  private static String describe(List<Route> routes) {
    return routes.stream()
        .map(
            route ->
                route.index()
                    + ":"
                    + route.name()
                    + " "
                    + route.destinations().stream()
                        .map(d -> d.host() + "/" + d.subset() + ":" + d.port() + "=" + d.weight())
                        .collect(Collectors.joining(",")))
        .collect(Collectors.joining(";"));
  }
}
