package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonPatchesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String DOCUMENT =
      "{\"metadata\":{\"name\":\"cm\",\"labels\":{\"a\":\"1\"}},\"list\":[\"x\",\"y\"]}";

  private static JsonNode patch(String operations) {
    return JsonPatches.apply(operations.replace('\'', '"'), JSON.readTree(DOCUMENT));
  }

  @Test
  void addsToObjectsAndInsertsIntoArrays() {
    JsonNode patched =
        patch(
            "[{'op':'add','path':'/metadata/labels/b','value':'2'},"
                + "{'op':'add','path':'/list/1','value':'new'},"
                + "{'op':'add','path':'/list/-','value':'last'}]");

    assertThat(patched.at("/metadata/labels/b").asString()).isEqualTo("2");
    assertThat(patched.at("/list").toString()).isEqualTo("[\"x\",\"new\",\"y\",\"last\"]");
  }

  @Test
  void removesReplacesMovesAndCopies() {
    JsonNode patched =
        patch(
            "[{'op':'remove','path':'/metadata/labels/a'},"
                + "{'op':'replace','path':'/list/0','value':'z'},"
                + "{'op':'copy','from':'/metadata/name','path':'/copied'},"
                + "{'op':'move','from':'/list/1','path':'/moved'}]");

    assertThat(patched.at("/metadata/labels").isEmpty()).isTrue();
    assertThat(patched.at("/list").toString()).isEqualTo("[\"z\"]");
    assertThat(patched.at("/copied").asString()).isEqualTo("cm");
    assertThat(patched.at("/moved").asString()).isEqualTo("y");
  }

  @Test
  void aFailedTestAppliesNothing() {
    JsonNode target = JSON.readTree(DOCUMENT);

    assertThatThrownBy(
            () ->
                JsonPatches.apply(
                    "[{\"op\":\"remove\",\"path\":\"/list/0\"},"
                        + "{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]",
                    target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON patch operation 1: test failed at /metadata/name");
    assertThat(target).isEqualTo(JSON.readTree(DOCUMENT));
  }

  @Test
  void badOperationsAreClearErrors() {
    assertThatThrownBy(() -> patch("[{'op':'remove','path':'/nothing'}]"))
        .hasMessage("JSON patch operation 0: no value at /nothing");
    assertThatThrownBy(() -> patch("[{'op':'add','path':'/list/5','value':1}]"))
        .hasMessage("JSON patch operation 0: array index '5' is out of range");
    assertThatThrownBy(() -> patch("[{'op':'jump','path':'/list'}]"))
        .hasMessage("JSON patch operation 0: unknown op 'jump'");
    assertThatThrownBy(() -> patch("[{'op':'add','path':'/x'}]"))
        .hasMessage("JSON patch operation 0: 'value' is missing");
    assertThatThrownBy(() -> patch("{'op':'add'}"))
        .hasMessage("a JSON patch is an array of operations");
    assertThatThrownBy(() -> JsonPatches.apply("[", JSON.readTree(DOCUMENT)))
        .hasMessageStartingWith("the patch is not JSON");
  }
}
