package io.kafleet.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeightsParserTest {

  @Test
  void keepsTheOrderGiven() {
    Map<String, Integer> seen = WeightsParser.parse("green=80,blue=20");
    assertThat(seen)
        .as("parsed weights, expected green=80 then blue=20, seen %s", seen)
        .containsExactly(Map.entry("green", 80), Map.entry("blue", 20));

    Map<String, Integer> reversed = WeightsParser.parse("blue=20,green=80");
    assertThat(List.copyOf(reversed.keySet()))
        .as("order of subsets, expected [blue, green], seen %s", reversed.keySet())
        .containsExactly("blue", "green");
  }

  @Test
  void allowsSpacesAroundNamesNumbersAndCommas() {
    Map<String, Integer> seen = WeightsParser.parse(" green = 80 , blue=20 ");
    assertThat(seen)
        .as("parsed weights, expected green=80, blue=20, seen %s", seen)
        .containsExactly(Map.entry("green", 80), Map.entry("blue", 20));
  }

  @Test
  void leavesRangeChecksToValidationSoANegativeWeightParses() {
    Map<String, Integer> seen = WeightsParser.parse("green=110,blue=-10");
    assertThat(seen)
        .as("parsed weights, expected green=110, blue=-10, seen %s", seen)
        .containsExactly(Map.entry("green", 110), Map.entry("blue", -10));
  }

  @Test
  void rejectsAWeightThatIsNotANumber() {
    assertRejected(
        "green=abc,blue=20",
        "pair 1 \"green=abc\": weight \"abc\" for subset \"green\" is not a whole number");
  }

  @Test
  void rejectsAFractionalWeight() {
    assertRejected(
        "green=80,blue=19.5",
        "pair 2 \"blue=19.5\": weight \"19.5\" for subset \"blue\" is not a whole number");
  }

  @Test
  void rejectsAPairWithoutEquals() {
    assertRejected(
        "green",
        "pair 1 \"green\" has no '='; expected subset=weight pairs such as green=80,blue=20");
  }

  @Test
  void rejectsAPairWithoutSubsetName() {
    assertRejected("green=80,=20", "pair 2 \"=20\" has no subset name before '='");
  }

  @Test
  void rejectsAPairWithoutWeight() {
    assertRejected(
        "green=,blue=20", "pair 1 \"green=\" has no weight after '=' for subset \"green\"");
  }

  @Test
  void rejectsASubsetGivenTwice() {
    assertRejected(
        "green=50,blue=20,green=30", "subset \"green\" is given twice: pair 1 and pair 3");
  }

  @Test
  void rejectsAStrayComma() {
    assertRejected(
        "green=80,blue=20,",
        "pair 3 of \"green=80,blue=20,\" is empty (stray comma?);"
            + " expected subset=weight pairs such as green=80,blue=20");
  }

  @Test
  void rejectsAWeightBeyondInt() {
    assertRejected(
        "green=99999999999",
        "pair 1 \"green=99999999999\": weight 99999999999 for subset \"green\""
            + " is far out of range 0..100");
  }

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(strings = {"", "   "})
  void rejectsEmptyInput(String text) {
    assertRejected(
        text, "weights are empty; expected subset=weight pairs such as green=80,blue=20");
  }

  private static void assertRejected(String text, String expectedMessage) {
    assertThatThrownBy(() -> WeightsParser.parse(text))
        .as("parse(%s) should fail with: %s", text, expectedMessage)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(expectedMessage);
  }
}
