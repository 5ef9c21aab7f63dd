package io.kafleet.placement.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.input.ManifestReader;
import io.kafleet.schemas.ObjectKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DependenciesTest {

  @Test
  void findsWhatThePodTemplateMountsReadsAndRunsAs() {
    JsonNode deployment =
        ManifestReader.read(
                "d.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      serviceAccountName: web-sa
                      imagePullSecrets: [{name: pull}]
                      volumes:
                        - {name: a, configMap: {name: cm-volume}}
                        - {name: b, secret: {secretName: secret-volume}}
                        - {name: c, persistentVolumeClaim: {claimName: data}}
                        - name: d
                          projected:
                            sources: [{configMap: {name: cm-projected}}, {secret: {name: secret-projected}}]
                      initContainers:
                        - name: init
                          envFrom: [{configMapRef: {name: cm-envfrom}}]
                      containers:
                        - name: web
                          envFrom: [{secretRef: {name: secret-envfrom}}]
                          env:
                            - {name: A, valueFrom: {configMapKeyRef: {name: cm-env, key: a}}}
                            - {name: B, valueFrom: {secretKeyRef: {name: secret-env, key: b}}}
                            - {name: C, value: plain}
                """)
            .get(0);
    assertThat(Dependencies.of(ObjectKey.parse("apps/Deployment/shop/web"), deployment))
        .extracting(ObjectKey::toString)
        .containsExactly(
            "core/ConfigMap/shop/cm-env",
            "core/ConfigMap/shop/cm-envfrom",
            "core/ConfigMap/shop/cm-projected",
            "core/ConfigMap/shop/cm-volume",
            "core/PersistentVolumeClaim/shop/data",
            "core/Secret/shop/pull",
            "core/Secret/shop/secret-env",
            "core/Secret/shop/secret-envfrom",
            "core/Secret/shop/secret-projected",
            "core/Secret/shop/secret-volume",
            "core/ServiceAccount/shop/web-sa");
  }

  @Test
  void theDefaultServiceAccountAndObjectsThatRunNoPodsHaveNone() {
    JsonNode pod =
        ManifestReader.read(
                "p.yaml",
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {serviceAccountName: default, containers: [{name: c, image: busybox}]}
                """)
            .get(0);
    assertThat(Dependencies.of(ObjectKey.parse("core/Pod/default/p"), pod)).isEmpty();
    JsonNode service =
        ManifestReader.read(
                "s.yaml",
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {volumes: [{configMap: {name: x}}]}\n")
            .get(0);
    assertThat(Dependencies.of(ObjectKey.parse("core/Service/default/s"), service)).isEmpty();
  }
}
