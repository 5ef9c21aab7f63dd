package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm charts of {@code deploy/helm}, with the pinned helm that {@code scripts/helm-binary.sh}
 * builds: each passes {@code helm lint}, and what {@code helm template} renders, with the default
 * values and with every option on, is accepted object by object by a real kube-apiserver as {@code
 * kubectl apply --server-side --dry-run=server} would (strict field validation, admission): a field
 * Kubernetes would refuse fails the build. The agent's chart installs what the join manifest does.
 */
class HelmChartsIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CHARTS = ROOT.resolve("deploy").resolve("helm");
  private static final Path TEST_VALUES = Path.of("src", "test", "resources", "helm");
  private static final String NAMESPACE = "kafleet-system";

  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig()
              .withOfflineMode(true)
              .withUpdateKubeConfig(false)
              .build());

  private static KubernetesClient client;
  private static String helm;

  @BeforeAll
  static void startTheApiServer() throws Exception {
    helm = run(List.of("bash", ROOT.resolve("scripts/helm-binary.sh").toString())).strip();
    helm = helm.substring(helm.lastIndexOf('\n') + 1);
    API_SERVER.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(API_SERVER.getKubeConfigYaml()))
            .build();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    // The Prometheus Operator's kinds the charts render, so that their objects are checked too.
    for (String kind : List.of("servicemonitor", "podmonitor")) {
      try (InputStream crd = Files.newInputStream(TEST_VALUES.resolve(kind + "-crd.yaml"))) {
        client.load(crd).serverSideApply();
      }
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(kind + "s.monitoring.coreos.com")
          .waitUntilCondition(
              crd ->
                  crd != null
                      && crd.getStatus() != null
                      && crd.getStatus().getConditions() != null
                      && crd.getStatus().getConditions().stream()
                          .anyMatch(
                              condition ->
                                  condition.getType().equals("Established")
                                      && condition.getStatus().equals("True")),
              2,
              TimeUnit.MINUTES);
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    API_SERVER.stop();
  }

  @Test
  void bothChartsPassHelmLintWithTheirDefaultsAndWithEveryOptionOn() throws Exception {
    assertThat(helm(List.of("lint", "--strict", chart("kafleet"))))
        .contains("1 chart(s) linted, 0 chart(s) failed");
    assertThat(
            helm(
                List.of(
                    "lint", "--strict", chart("kafleet"), "-f", values("kafleet-everything.yaml"))))
        .contains("0 chart(s) failed");
    assertThat(helm(List.of("lint", "--strict", chart("kafleet-agent"))))
        .contains("0 chart(s) failed");
    assertThat(
            helm(
                List.of(
                    "lint",
                    "--strict",
                    chart("kafleet-agent"),
                    "-f",
                    values("kafleet-agent-joined.yaml"),
                    "--set",
                    "podMonitor.enabled=true")))
        .contains("0 chart(s) failed");
  }

  @Test
  void theControlPlaneWithItsDefaultsIsAcceptedByTheApiServer() throws Exception {
    List<HasMetadata> objects = template("kafleet");

    assertThat(objects.stream().map(HasMetadata::getKind))
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ConfigMap",
            "ConfigMap",
            "Deployment",
            "Deployment",
            "Service",
            "Service");
    dryRunApplyAll(objects);
  }

  @Test
  void theControlPlaneWithEveryOptionOnIsAcceptedByTheApiServer() throws Exception {
    List<HasMetadata> objects = template("kafleet", "-f", values("kafleet-everything.yaml"));

    assertThat(objects.stream().map(HasMetadata::getKind))
        .contains("ServiceMonitor")
        .filteredOn("Deployment"::equals)
        .hasSize(3);
    dryRunApplyAll(objects);
    Deployment placement = deployment(objects, "kafleet-placement-service");
    Container container = placement.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(placement.getSpec().getReplicas()).isEqualTo(3);
    String config =
        objects.stream()
            .filter(object -> object.getMetadata().getName().equals("kafleet-placement-service"))
            .filter(object -> object.getKind().equals("ConfigMap"))
            .map(object -> ((io.fabric8.kubernetes.api.model.ConfigMap) object).getData())
            .findFirst()
            .orElseThrow()
            .get("application.yaml");
    GenericKubernetesResource monitor = only(objects, GenericKubernetesResource.class);
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
    assertThat(endpoint)
        .containsEntry("port", "http")
        .containsEntry("path", "/actuator/prometheus")
        .containsEntry(
            "authorization",
            Map.of(
                "type",
                "Bearer",
                "credentials",
                Map.of("name", "kafleet-prometheus-token", "key", "token")));
    assertThat(config)
        .contains("issuer-uri: \"https://login.example.com/realms/kafleet\"")
        .contains("\"[kafleet.ops]\": \"operator\"")
        .contains("url: \"http://kafleet-schema-registry.kafleet-system.svc:8081\"")
        .contains("missed-heartbeats: 5")
        .contains("auto-accept: true")
        // The console's traffic pages reach this chart's traffic-service.
        .contains("traffic-url: http://kafleet-traffic-service.kafleet-system.svc:8082");
  }

  @Test
  void theAgentChartInstallsWhatTheJoinManifestDoesAndIsAcceptedByTheApiServer() throws Exception {
    List<HasMetadata> objects =
        template("kafleet-agent", "-f", values("kafleet-agent-joined.yaml"));
    List<HasMetadata> manifest;
    try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/kafleet-agent.yaml"))) {
      manifest = client.load(in).items();
    }

    dryRunApplyAll(objects);
    // The same objects but the Namespace (helm install --create-namespace makes it), and the
    // sealing key in a Secret of its own.
    assertThat(objects.stream().map(object -> object.getKind() + "/" + name(object)))
        .containsExactlyInAnyOrderElementsOf(
            concat(
                manifest.stream()
                    .filter(object -> !object.getKind().equals("Namespace"))
                    .map(object -> object.getKind() + "/" + name(object))
                    .toList(),
                List.of("Secret/kafleet-agent-sealing")));
    assertThat(only(objects, ClusterRole.class).getRules())
        .as("the chart's RBAC")
        .isEqualTo(only(manifest, ClusterRole.class).getRules());
    Deployment chart = only(objects, Deployment.class);
    Deployment joined = only(manifest, Deployment.class);
    Container agent = chart.getSpec().getTemplate().getSpec().getContainers().get(0);
    Container manifestAgent = joined.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(agent.getImage())
        .isEqualTo("registry.example.com:5000/kafleet/propagation-agent:0.1.0");
    assertThat(agent.getLivenessProbe()).isEqualTo(manifestAgent.getLivenessProbe());
    assertThat(agent.getReadinessProbe()).isEqualTo(manifestAgent.getReadinessProbe());
    assertThat(agent.getResources()).isEqualTo(manifestAgent.getResources());
    assertThat(agent.getSecurityContext()).isEqualTo(manifestAgent.getSecurityContext());
    assertThat(agent.getVolumeMounts()).isEqualTo(manifestAgent.getVolumeMounts());
    assertThat(agent.getEnv().stream().map(env -> env.getName()))
        .containsExactlyInAnyOrderElementsOf(
            manifestAgent.getEnv().stream().map(env -> env.getName()).toList());
    assertThat(
            agent.getEnvFrom().stream().map(EnvFromSource::getSecretRef).map(ref -> ref.getName()))
        .containsExactly("kafleet-agent", "kafleet-agent-kafka", "kafleet-agent-sealing");
    assertThat(chart.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(chart.getSpec().getReplicas()).isEqualTo(1);
    assertThat(chart.getSpec().getTemplate().getSpec().getSecurityContext())
        .isEqualTo(joined.getSpec().getTemplate().getSpec().getSecurityContext());
  }

  @Test
  void theAgentsPodMonitorScrapesMetricsOnTheHealthPortAndIsAcceptedByTheApiServer()
      throws Exception {
    List<HasMetadata> objects =
        template(
            "kafleet-agent",
            "-f",
            values("kafleet-agent-joined.yaml"),
            "--set",
            "podMonitor.enabled=true",
            "--set",
            "podMonitor.labels.release=prometheus");

    dryRunApplyAll(objects);
    GenericKubernetesResource monitor = only(objects, GenericKubernetesResource.class);
    assertThat(monitor.getKind()).isEqualTo("PodMonitor");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.<Map<String, Object>>get("spec", "podMetricsEndpoints", 0))
        .containsEntry("port", "health")
        .containsEntry("path", "/metrics");
    Container agent =
        only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(agent.getPorts()).anyMatch(port -> port.getName().equals("health"));
    Map<String, String> selected = monitor.get("spec", "selector", "matchLabels");
    assertThat(selected)
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/name",
                "kafleet-agent",
                "app.kubernetes.io/instance",
                "kafleet"));
    assertThat(only(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
        .as("the agent pod's labels, which the PodMonitor selects")
        .containsAllEntriesOf(selected);
  }

  /** With the Prometheus Operator's kinds registered, their objects are checked field by field. */
  @Test
  void aMisspeltServiceMonitorFieldFailsTheDryRun() throws Exception {
    GenericKubernetesResource monitor =
        only(
            template("kafleet", "-f", values("kafleet-everything.yaml")),
            GenericKubernetesResource.class);
    Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
    endpoint.put("bearerTokenSecrett", Map.of("name", "kafleet-prometheus-token"));

    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> dryRunApply(monitor));

    assertThat(refused).as("the dry run of a ServiceMonitor with an unknown field").isNotNull();
    assertThat(refused.getMessage()).contains("bearerTokenSecrett");
  }

  @Test
  void aServiceMonitorWithoutItsTokenSecretIsRefusedByTheChart() throws Exception {
    Process process =
        new ProcessBuilder(
                helm,
                "template",
                "kafleet",
                chart("kafleet"),
                "--set",
                "serviceMonitor.enabled=true")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as("helm template's exit code: %s", output).isNotZero();
    assertThat(output).contains("serviceMonitor.tokenSecret.name is required");
  }

  @Test
  void aFieldKubernetesRefusesFailsTheDryRun() throws Exception {
    // A probe with a misspelt field, through the chart's own extension point: refused.
    List<HasMetadata> objects = template("kafleet-agent", "--set", "livenessProbe.periodSecond=10");
    Deployment deployment = only(objects, Deployment.class);

    Throwable refused =
        org.assertj.core.api.Assertions.catchThrowable(() -> dryRunApply(deployment));

    assertThat(refused).as("the dry run of a Deployment with an unknown field").isNotNull();
    assertThat(refused.getMessage()).contains("periodSecond");
  }

  private static void dryRunApplyAll(List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      HasMetadata accepted = dryRunApply(object);
      assertThat(accepted.getMetadata().getName())
          .as("%s accepted by the API server", object.getKind())
          .isEqualTo(object.getMetadata().getName());
      assertThat(client.resource(object).get())
          .as("%s %s after a dry run", object.getKind(), name(object))
          .isNull();
    }
  }

  private static HasMetadata dryRunApply(HasMetadata object) {
    return client
        .resource(object)
        .dryRun()
        .fieldValidation(Validation.STRICT)
        .fieldManager("helm")
        .serverSideApply();
  }

  private static List<HasMetadata> template(String chart, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("template", "kafleet", chart(chart), "--namespace", NAMESPACE));
    command.addAll(List.of(options));
    String rendered = helm(command);
    return client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
  }

  private static Deployment deployment(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .filter(deployment -> deployment.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Deployment " + name));
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("%s objects", type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static String chart(String name) {
    return CHARTS.resolve(name).toString();
  }

  private static String values(String file) {
    return TEST_VALUES.resolve(file).toAbsolutePath().toString();
  }

  private static String helm(List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(helm));
    command.addAll(arguments);
    return run(command);
  }

  /** Runs a command, its output on success; a failure names the command and its output. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.MINUTES)).as("%s ended", command).isTrue();
    assertThat(process.exitValue()).as("exit code of %s, output:%n%s", command, output).isZero();
    return output;
  }
}
