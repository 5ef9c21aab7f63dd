package io.kafleet.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.schemas.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldExclusionsTest {

  @Test
  void excludedFieldsOfTheKindAreLeftOut() {
    FieldExclusions exclusions =
        FieldExclusions.parse(List.of("apps/Deployment:spec.replicas", "apps/Deployment:spec.x.y"));
    Map<String, Object> spec = new HashMap<>(Map.of("replicas", 3, "paused", false));
    Map<String, Object> fields = new HashMap<>(Map.of("spec", spec));

    exclusions.strip(ObjectKey.parse("apps/Deployment/shop/web"), fields);

    assertThat(spec).containsOnlyKeys("paused");
  }

  @Test
  void otherKindsKeepTheField() {
    FieldExclusions exclusions = FieldExclusions.parse(List.of("apps/Deployment:spec.replicas"));
    Map<String, Object> spec = new HashMap<>(Map.of("replicas", 3));

    exclusions.strip(
        ObjectKey.parse("apps/StatefulSet/shop/db"), new HashMap<>(Map.of("spec", spec)));

    assertThat(spec).containsKey("replicas");
  }

  @Test
  void aMalformedEntryIsRefusedByName() {
    assertThatThrownBy(() -> FieldExclusions.parse(List.of("Deployment.spec.replicas")))
        .hasMessageContaining("'Deployment.spec.replicas'");
  }
}
