package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCommandsTest {

  private final FakePlacement placement;

  FleetCommandsTest() throws Exception {
    placement = new FakePlacement();
  }

  @AfterEach
  void stop() {
    placement.close();
  }

  private CliRun run(String... args) {
    return args[0].equals("traffic")
        ? CliRun.of(args)
        : CliRun.of(args, "--server=" + placement.url());
  }

  @Test
  void appliesEveryManifestOfADirectoryNamingEachFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "kind: Service");
    Files.writeString(dir.resolve("b.yml"), "kind: Deployment");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    placement
        .answer(
            "POST /api/v1/apply?source=a.yaml",
            200,
            "[{\"objectKey\":\"core/Service/default/details\",\"generation\":1,\"result\":\"created\"}]")
        .answer(
            "POST /api/v1/apply?source=b.yml",
            200,
            "[{\"objectKey\":\"apps/Deployment/default/details-v1\",\"generation\":3,\"result\":\"unchanged\"}]");

    CliRun run = run("apply", "-f", dir.toString());

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out()).isEqualTo("service/details created\ndeployment/details-v1 unchanged\n");
    assertThat(placement.requests)
        .extracting(FakePlacement.Request::body)
        .containsExactly("kind: Service", "kind: Deployment");
  }

  @Test
  void aRefusedApplyPrintsTheReasonAndFieldOnStderrAndFails(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "kind: [");
    placement.answer(
        "POST /api/v1/apply?source=bad.yaml",
        400,
        "{\"reason\":\"is not valid YAML\",\"field\":\"bad.yaml\"}");

    CliRun run = run("apply", "-f", dir.resolve("bad.yaml").toString());

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: bad.yaml: is not valid YAML\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void listsClustersWithKubectlsColumns() {
    placement.answer(
        "GET /api/v1/clusters",
        200,
        "[{\"name\":\"member1\",\"accepted\":true,\"ready\":true,\"lastHeartbeat\":{\"kubernetesVersion\":\"v1.36.3\",\"labels\":{\"region\":\"hz\"},\"lastHeartbeat\":\"2020-01-01T00:00:00Z\"}},"
            + "{\"name\":\"member2\",\"accepted\":false,\"ready\":false,\"lastHeartbeat\":null}]");

    CliRun run = run("get", "clusters");

    assertThat(run.out())
        .startsWith("NAME      MODE   READY   VERSION     LABELS      AGE\n")
        .contains("member1   Pull   True    v1.36.3     region=hz   ")
        .contains("member2   Pull   False   <unknown>   <none>      not accepted");
  }

  @Test
  void getsTemplatesOfAKindWithTheirClustersReady() {
    placement.answer(
        "GET /api/v1/objects?kind=deployment",
        200,
        "[{\"objectKey\":\"apps/Deployment/default/reviews-v1\",\"generation\":2,\"status\":{\"health\":\"Progressing\",\"clusters\":["
            + "{\"cluster\":\"member1\",\"current\":true,\"health\":\"Healthy\"},"
            + "{\"cluster\":\"member2\",\"current\":false,\"health\":\"Progressing\"}]}},"
            + "{\"objectKey\":\"apps/Deployment/other/reviews-v1\",\"generation\":1,\"status\":null}]");

    CliRun run = run("get", "deployments");

    assertThat(run.out())
        .isEqualTo(
            "NAME         GENERATION   CLUSTERS             HEALTH\n"
                + "reviews-v1   2            1/2 clusters ready   Progressing\n");
  }

  @Test
  void explainsByKindAndNameThroughTheStoredKey() {
    placement
        .answer(
            "GET /api/v1/objects?kind=virtualservice",
            200,
            "[{\"objectKey\":\"networking.istio.io/VirtualService/default/bookinfo\",\"generation\":1}]")
        .answer(
            "GET /api/v1/explain/networking.istio.io/VirtualService/default/bookinfo",
            200,
            "{\"policy\":null,\"rule\":\"no policy selects it; Istio traffic rules go to every accepted cluster by default\","
                + "\"passedOver\":[],\"clusters\":[{\"cluster\":\"member1\",\"selected\":true,\"reason\":\"accepted and ready\"}]}");

    CliRun run = run("explain", "vs", "bookinfo");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .contains("Policy:  <none>")
        .contains("CLUSTER   SELECTED   REASON\nmember1   yes        accepted and ready");
  }

  @Test
  void anObjectThatIsNotThereIsAnErrorNamingIt() {
    placement.answer("GET /api/v1/objects?kind=service", 200, "[]");

    CliRun run = run("delete", "svc", "nope");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: service \"nope\" not found in namespace default\n");
  }

  @Test
  void trafficSetWaitsForEveryClustersOutcomeAndFailsWhenOneDidNotConverge() {
    placement
        .answer(
            "POST /api/v1/shifts",
            202,
            "{\"shiftId\":\"s1\",\"clusters\":[\"member1\",\"member2\"]}")
        .answer(
            "GET /api/v1/shifts/s1",
            200,
            "{\"completed\":true,\"converged\":false,\"clusters\":{"
                + "\"member1\":{\"state\":\"Converged\",\"observed\":[{\"subset\":\"green\",\"weight\":80},{\"subset\":\"blue\",\"weight\":20}]},"
                + "\"member2\":{\"state\":\"TimedOut\",\"observed\":[],\"message\":\"no report\"}}}");

    CliRun run =
        run(
            "traffic",
            "set",
            "podinfo",
            "--weights",
            "green=80,blue=20",
            "--wait",
            "--traffic-server=" + placement.url());

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.out())
        .contains("shift s1 published to [\"member1\",\"member2\"]")
        .containsPattern("member1\\s+Converged\\s+green=80,blue=20")
        .containsPattern("member2\\s+TimedOut\\s+no report");
    assertThat(placement.requests.get(0).body())
        .contains("\"virtualService\":{\"namespace\":\"default\",\"name\":\"podinfo\"}")
        .contains("\"weights\":{\"green\":80,\"blue\":20}");
  }

  @Test
  void trafficHistoryListsEachChangeWithItsOutcomePerCluster() {
    placement.answer(
        "GET /api/v1/virtualservices/default/podinfo/history",
        200,
        "{\"virtualService\":\"default/podinfo\",\"changes\":[{\"shiftId\":\"s1\","
            + "\"requestedBy\":\"alice\",\"requestedAt\":\"2026-11-30T16:46:21Z\","
            + "\"requested\":[{\"subset\":\"green\",\"weight\":100},{\"subset\":\"blue\",\"weight\":0}],"
            + "\"clusters\":{\"member1\":{\"state\":\"Converged\"},\"member2\":{\"state\":\"Converged\"}}}]}");

    CliRun run = run("traffic", "history", "podinfo", "--traffic-server=" + placement.url());

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .containsPattern(
            "2026-11-30T16:46:21Z\\s+green=100,blue=0\\s+alice\\s+member1=Converged,member2=Converged");
  }

  @Test
  void anUnreachableServerSaysWhere() {
    String url = placement.url();
    placement.close();

    CliRun run = run("get", "clusters");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot reach placement-service at " + url);
  }
}
