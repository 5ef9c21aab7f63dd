package io.kafleet.placement.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.SharedScenarios;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.works.SecretSealing;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetModelStoredObjectsTest {

  @Test
  void aChangedApplicationWithTheSamePublishVersionIsNotRolledOut() throws Exception {
    String application =
        Files.readString(SharedScenarios.scenario("podinfo-blue-green").resolve("application.yaml"))
            .replace("<clusterid1>", "member1")
            .replace("<clusterid2>", "member2");
    FleetModel state = model();
    Submission published = single(application);
    assertThat(state.heldByPublishVersion(published)).as("nothing stored yet").isEmpty();
    state.loadStored(published.key(), published, 1);

    String oneCluster = application.replace("\"member1\",\"member2\"", "\"member1\"");
    assertThat(oneCluster).isNotEqualTo(application);
    assertThat(state.heldByPublishVersion(single(oneCluster))).contains("version1");
    assertThat(state.heldByPublishVersion(single(application)))
        .as("the same Application is simply unchanged")
        .isEmpty();

    String republished = oneCluster.replace("publishVersion: version1", "publishVersion: version2");
    assertThat(state.heldByPublishVersion(single(republished))).isEmpty();
    assertThat(state.nextGeneration(single(republished))).hasValue(2);

    String unpinned = oneCluster.replace("app.oam.dev/publishVersion: version1", "owner: me");
    assertThat(state.heldByPublishVersion(single(unpinned)))
        .as("without a publish version every change rolls out")
        .isEmpty();
  }

  @Test
  void overridesAreKarmadaOverridePoliciesAndWhatApplicationsChange() {
    FleetModel state = model();
    List<Submission> submissions =
        Submissions.read(
            "t.yaml",
            """
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterOverridePolicy
            metadata: {name: images}
            spec:
              overrideRules: [{overriders: {imageOverrider: [{component: Tag, operator: replace, value: v2}]}}]
            ---
            apiVersion: core.oam.dev/v1beta1
            kind: Application
            metadata: {name: web}
            spec:
              components:
                - name: web
                  type: ref-objects
                  properties: {objects: [{apiVersion: apps/v1, kind: Deployment, name: web}]}
                  traits: [{type: scaler, properties: {replicas: 3}}]
              policies: [{name: t, type: topology, properties: {clusters: [member1]}}]
            """,
            Integer.MAX_VALUE);
    submissions.forEach(submission -> state.loadStored(submission.key(), submission, 1));
    assertThat(state.overrides())
        .extracting(override -> override.id().toString())
        .containsExactlyInAnyOrder(
            "policy.karmada.io/ClusterOverridePolicy/_/images",
            "core.oam.dev/Application/default/web");
    assertThat(state.policies()).hasSize(1);

    state.store(Map.of(), List.of(submissions.get(0).key()), List.of());
    assertThat(state.overrides()).hasSize(1);
    state.rollback();
    assertThat(state.overrides()).as("a decision taken back leaves nothing behind").hasSize(2);
  }

  private static FleetModel model() {
    return new FleetModel(
        TemplateRenderer.DESIRED_WORKS,
        new SecretSealing(false, new byte[32]),
        key -> Map.of(),
        Clock.systemUTC(),
        Duration.ofMinutes(10));
  }

  private static Submission single(String yaml) {
    return Submissions.read("application.yaml", yaml, Integer.MAX_VALUE).get(0);
  }
}
