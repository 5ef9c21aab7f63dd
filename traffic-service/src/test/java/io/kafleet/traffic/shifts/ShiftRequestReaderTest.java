package io.kafleet.traffic.shifts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.traffic.InvalidInputException;
import io.kafleet.validation.RouteSelector;
import io.kafleet.validation.SubsetWeight;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShiftRequestReaderTest {

  @Test
  void readsAShiftKeepingTheWeightsOrder() {
    ShiftRequest seen =
        read(
            "{\"virtualService\":{\"name\":\"podinfo\"},\"route\":{\"name\":\"web\"},"
                + "\"weights\":{\"green\":80,\"blue\":20},\"clusters\":[\"member1\"],"
                + "\"requestedBy\":\"alice\"}");
    assertThat(seen.namespace()).as("default namespace").isEqualTo("default");
    assertThat(seen.route()).isEqualTo(new RouteSelector.ByName("web"));
    assertThat(seen.weights())
        .containsExactly(new SubsetWeight("green", 80), new SubsetWeight("blue", 20));
    assertThat(seen.clusters()).containsExactly("member1");
  }

  @Test
  void withoutARouteItIsRouteZero() {
    assertThat(read(body("")).route()).isEqualTo(new RouteSelector.ByIndex(0));
  }

  @Test
  void refusesWhatItCannotRead() {
    assertRefused(body(",\"weight\":1"), "weight");
    assertRefused(body(",\"route\":{\"name\":\"a\",\"index\":0}"), "route");
    assertRefused(body(",\"route\":{\"index\":\"0\"}"), "route.index");
    assertRefused(body(",\"clusters\":[\"Member_1\"]"), "clusters[0]");
    assertRefused(body(",\"clusters\":[\"m1\",\"m1\"]"), "clusters[1]");
    assertRefused(body("").replace("80", "80.5"), "weights.green");
    assertRefused(body("").replace(",\"requestedBy\":\"alice\"", ""), "requestedBy");
    assertRefused("[]", "");
  }

  @Test
  void readsATestRoute() {
    ShiftRequest seen =
        read(
            body(
                ",\"testRoute\":{\"subset\":\"green\",\"matches\":["
                    + "{\"headers\":{\"x-canary\":{\"exact\":\"true\"}}},"
                    + "{\"headers\":{\"cookie\":{\"regex\":\"^(.*?;)?(canary=yes)(;.*)?$\"}}}]}"));
    assertThat(seen.testRoute())
        .isEqualTo(
            new TestRoute(
                "green",
                List.of(
                    new HeaderMatch(Map.of("x-canary", new StringMatch("true", null, null))),
                    new HeaderMatch(
                        Map.of(
                            "cookie",
                            new StringMatch(null, null, "^(.*?;)?(canary=yes)(;.*)?$"))))));
    assertThat(read(body("")).testRoute()).as("no test route asked").isNull();
    assertThat(read(body(",\"testRoute\":null")).testRoute()).isNull();
  }

  @Test
  void refusesATestRouteItCannotReadByPath() {
    assertRefused(body(",\"testRoute\":\"green\""), "testRoute");
    assertRefused(body(",\"testRoute\":{\"matches\":[]}"), "testRoute.subset");
    assertRefused(body(",\"testRoute\":{\"subset\":\"green\"}"), "testRoute.matches");
    assertRefused(
        body(",\"testRoute\":{\"subset\":\"green\",\"matches\":[],\"weight\":100}"),
        "testRoute.weight");
    assertRefused(
        body(",\"testRoute\":{\"subset\":\"green\",\"matches\":[{\"uri\":{\"prefix\":\"/\"}}]}"),
        "testRoute.matches[0].uri");
    assertRefused(
        body(",\"testRoute\":{\"subset\":\"green\",\"matches\":[{\"headers\":[]}]}"),
        "testRoute.matches[0].headers");
    assertRefused(
        body(
            ",\"testRoute\":{\"subset\":\"green\",\"matches\":"
                + "[{\"headers\":{\"x-canary\":{\"exact\":\"true\",\"suffix\":\"e\"}}}]}"),
        "testRoute.matches[0].headers.x-canary.suffix");
    assertRefused(
        body(
            ",\"testRoute\":{\"subset\":\"green\",\"matches\":"
                + "[{\"headers\":{\"x-canary\":{\"exact\":true}}}]}"),
        "testRoute.matches[0].headers.x-canary.exact");
  }

  private static String body(String extra) {
    return "{\"virtualService\":{\"namespace\":\"default\",\"name\":\"podinfo\"},"
        + "\"weights\":{\"green\":80,\"blue\":20},\"requestedBy\":\"alice\""
        + extra
        + "}";
  }

  private static ShiftRequest read(String json) {
    return ShiftRequestReader.read(Podinfo.json(json));
  }

  private static void assertRefused(String json, String field) {
    assertThatThrownBy(() -> read(json))
        .as("%s refused at %s", json, field)
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }
}
