package io.kafleet.placement.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.input.ManifestReader;
import io.kafleet.placement.input.TemplateReader;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WorkRendererTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: podinfo-blue
        labels: {app: podinfo, version: blue}
      spec:
        replicas: 4
        minReadySeconds: 5
        template:
          spec:
            containers:
              - name: podinfod
                image: registry.cn-hangzhou.aliyuncs.com/acs/rollouts-demo:blue
                ports: [{name: http, containerPort: 8080, protocol: TCP}]
      """;

  @Test
  void keepsEveryFieldAndMakesTheNamespaceExplicit() {
    JsonNode template = read(DEPLOYMENT);
    RenderedWork work =
        WorkRenderer.render(template, TemplateReader.read(template), "member1", Optional.empty());

    JsonNode manifest = JsonMapper.builder().build().readTree(work.manifest());
    assertThat(manifest.path("metadata").path("namespace").asString()).isEqualTo("default");
    ((tools.jackson.databind.node.ObjectNode) manifest.get("metadata")).remove("namespace");
    assertThat(manifest).as("the manifest apart from the namespace").isEqualTo(template);
    assertThat(work.key()).isEqualTo(ObjectKey.parse("apps/Deployment/default/podinfo-blue"));
  }

  @Test
  void aPreservedCopyAsksToKeepTheObjectWithAHashOfItsOwn() {
    JsonNode template = read(DEPLOYMENT);
    RenderedWork work =
        WorkRenderer.render(template, TemplateReader.read(template), "member1", Optional.empty());

    RenderedWork kept = work.preservedCopy();

    assertThat(work.preserveOnDeletion()).isFalse();
    assertThat(kept.preserveOnDeletion()).isTrue();
    assertThat(kept.manifest()).isEqualTo(work.manifest());
    assertThat(kept.key()).isEqualTo(work.key());
    assertThat(kept.contentHash()).isNotEqualTo(work.contentHash()).matches("[0-9a-f]{64}");
    assertThat(kept.toEvent(1, Instant.EPOCH).getPreserveOnDeletion()).isTrue();
  }

  @Test
  void equalContentHasEqualHashesWhateverTheFieldOrder() {
    JsonNode template = read(DEPLOYMENT);
    JsonNode reordered =
        read(
            """
            spec:
              template:
                spec:
                  containers:
                    - image: registry.cn-hangzhou.aliyuncs.com/acs/rollouts-demo:blue
                      ports: [{protocol: TCP, containerPort: 8080, name: http}]
                      name: podinfod
              minReadySeconds: 5
              replicas: 4
            metadata:
              labels: {version: blue, app: podinfo}
              name: podinfo-blue
            kind: Deployment
            apiVersion: apps/v1
            """);
    assertThat(
            WorkRenderer.render(
                    reordered, TemplateReader.read(reordered), "member1", Optional.empty())
                .contentHash())
        .isEqualTo(
            WorkRenderer.render(
                    template, TemplateReader.read(template), "member1", Optional.empty())
                .contentHash());

    JsonNode changed = read(DEPLOYMENT.replace("replicas: 4", "replicas: 5"));
    assertThat(
            WorkRenderer.render(changed, TemplateReader.read(changed), "member1", Optional.empty())
                .contentHash())
        .as("a changed replica count changes the hash")
        .isNotEqualTo(
            WorkRenderer.render(
                    template, TemplateReader.read(template), "member1", Optional.empty())
                .contentHash());
  }

  @Test
  void becomesTheWorkEventForTheClustersExecutionSpace() {
    JsonNode template = read(DEPLOYMENT);
    ObjectKey application =
        ObjectKey.of("core.oam.dev/v1beta1", "Application", "default", "podinfo");
    RenderedWork rendered =
        WorkRenderer.render(
            template, TemplateReader.read(template), "member2", Optional.of(application));
    var event = rendered.toEvent(7, Instant.EPOCH);
    assertThat(event.getObjectKey()).isEqualTo("apps/Deployment/default/podinfo-blue");
    assertThat(event.getCluster()).isEqualTo("member2");
    assertThat(event.getTemplateGeneration()).isEqualTo(7);
    assertThat(event.getContentHash()).isEqualTo(rendered.contentHash()).hasSize(64);
    assertThat(event.getPolicy().getName()).isEqualTo("podinfo");
  }

  private static JsonNode read(String yaml) {
    return ManifestReader.read("t.yaml", yaml).get(0);
  }
}
