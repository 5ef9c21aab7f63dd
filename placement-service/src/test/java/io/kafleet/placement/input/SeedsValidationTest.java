package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.SharedScenarios;
import io.kafleet.validation.DestinationRuleCatalog;
import io.kafleet.validation.VirtualServiceValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The seeds in examples/ pass the validation an apply runs, unchanged: each file is read as an
 * apply reads it, and each VirtualService is checked against the seed's own DestinationRules.
 */
class SeedsValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"bookinfo", "podinfo-blue-green"})
  void everySeedFileIsAccepted(String seed) throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(SharedScenarios.scenario(seed))) {
      files = listed.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    List<JsonNode> documents = new ArrayList<>();
    for (Path file : files) {
      Submissions.read(file.getFileName().toString(), Files.readString(file), Integer.MAX_VALUE)
          .forEach(submission -> documents.add(submission.document()));
    }
    DestinationRuleCatalog rules = DestinationRuleCatalog.of(documents);
    List<JsonNode> virtualServices =
        documents.stream().filter(VirtualServiceValidation::isVirtualService).toList();
    assertThat(virtualServices).as("VirtualServices of %s", seed).isNotEmpty();
    for (JsonNode virtualService : virtualServices) {
      assertThat(VirtualServiceValidation.validate(virtualService, rules))
          .as("%s", virtualService.path("metadata").path("name"))
          .isEmpty();
    }
  }
}
