package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.scheduling.Replicas;
import io.kafleet.placement.scheduling.TemplateRef;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

  @Test
  void aWorkloadCarriesItsReplicasAndWhatOneReplicaRequests() {
    assertThat(
            read("""
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db}
                    spec:
                      replicas: 3
                      template:
                        spec:
                          containers:
                            - name: db
                              resources: {requests: {cpu: 250m, memory: 128Mi}}
                            - name: sidecar
                              resources: {requests: {cpu: 0.5, memory: 1G}}
                            - name: no-requests
                    """)
                .replicas())
        .contains(new Replicas(3, 750, (128L << 20) + 1_000_000_000L));
  }

  @Test
  void onlyWorkloadsWithSpecReplicasAreDivisible() {
    assertThat(
            read("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: autoscaled}
                    spec: {template: {spec: {containers: [{name: web}]}}}
                    """)
                .replicas())
        .isEmpty();
    assertThat(
            read("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {replicas: 3}
                    """)
                .replicas())
        .isEmpty();
  }

  @Test
  void aRequestThatIsNotAQuantityIsRefusedByPath() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      replicas: 2
                      template:
                        spec:
                          containers: [{name: web, resources: {requests: {cpu: lots}}}]
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.field())
                    .isEqualTo("spec.template.spec.containers[0].resources.requests.cpu"))
        .hasMessageContaining("'lots' is not a Kubernetes quantity");
  }

  private static TemplateRef read(String yaml) {
    return TemplateReader.read(ManifestReader.read("t.yaml", yaml).get(0));
  }
}
