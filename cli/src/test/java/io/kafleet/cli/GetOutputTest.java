package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code get}'s output formats, as kubectl prints them, against canned API answers. */
class GetOutputTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String DEPLOYMENTS =
      "[{\"objectKey\":\"apps/Deployment/default/reviews-v1\",\"apiVersion\":\"apps/v1\",\"generation\":2,"
          + "\"status\":{\"objectKey\":\"apps/Deployment/default/reviews-v1\",\"generation\":2,\"health\":\"Progressing\",\"clusters\":["
          + "{\"cluster\":\"member1\",\"phase\":\"Applied\",\"health\":\"Healthy\",\"appliedGeneration\":2,\"current\":true,\"message\":null,\"liveSummary\":{}},"
          + "{\"cluster\":\"member2\",\"phase\":null,\"health\":\"Unknown\",\"appliedGeneration\":null,\"current\":false,\"message\":null,\"liveSummary\":{}}]}},"
          + "{\"objectKey\":\"apps/Deployment/default/details-v1\",\"apiVersion\":\"apps/v1\",\"generation\":1,\"status\":null},"
          + "{\"objectKey\":\"apps/Deployment/other/ratings-v1\",\"apiVersion\":\"apps/v1\",\"generation\":1,\"status\":null}]";

  private static final String CLUSTERS =
      "[{\"name\":\"member1\",\"accepted\":true,\"ready\":true,\"condition\":\"heartbeat 2s ago\","
          + "\"taints\":[{\"key\":\"gpu\",\"value\":\"none\",\"effect\":\"NoSchedule\"}],"
          + "\"lastHeartbeat\":{\"kubernetesVersion\":\"v1.36.3\",\"labels\":{\"region\":\"hz\"},\"provider\":\"aliyun\","
          + "\"region\":\"cn-hangzhou\",\"zone\":\"cn-hangzhou-b\",\"lastHeartbeat\":\"2020-01-01T00:00:00Z\"}}]";

  private final FakePlacement placement;

  GetOutputTest() throws Exception {
    placement = new FakePlacement();
  }

  @AfterEach
  void stop() {
    placement.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(args, "--server=" + placement.url());
  }

  @Test
  void jsonIsAKubernetesListWhoseItemsCarryApiVersionKindMetadataAndTheStatusPerCluster() {
    placement.answer("GET /api/v1/objects?kind=deployment", 200, DEPLOYMENTS);

    CliRun run = run("get", "deployments", "-o", "json");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode list = JSON.readTree(run.out());
    assertThat(list.path("apiVersion").asString()).isEqualTo("v1");
    assertThat(list.path("kind").asString()).isEqualTo("List");
    List<String> names = new ArrayList<>();
    list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asString()));
    assertThat(names).as("items in namespace default").containsExactly("reviews-v1", "details-v1");
    JsonNode reviews = list.path("items").get(0);
    assertThat(reviews.path("apiVersion").asString()).isEqualTo("apps/v1");
    assertThat(reviews.path("kind").asString()).isEqualTo("Deployment");
    assertThat(reviews.path("metadata").path("namespace").asString()).isEqualTo("default");
    assertThat(reviews.path("metadata").path("generation").asLong()).isEqualTo(2);
    assertThat(reviews.path("status").path("health").asString()).isEqualTo("Progressing");
    assertThat(reviews.path("status").path("clusters").get(0).path("cluster").asString())
        .isEqualTo("member1");
    assertThat(reviews.path("status").path("clusters").get(0).path("appliedGeneration").asLong())
        .isEqualTo(2);
    assertThat(reviews.path("status").has("objectKey")).as("status repeats no key").isFalse();
    assertThat(list.path("items").get(1).has("status"))
        .as("a template no agent reported on has no status")
        .isFalse();
  }

  @Test
  void yamlIsTheSameList() {
    placement.answer("GET /api/v1/objects?kind=deployment", 200, DEPLOYMENTS);

    CliRun run = run("get", "deployments", "-o", "yaml");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode list = YAMLMapper.builder().build().readTree(run.out());
    assertThat(list.path("kind").asString()).isEqualTo("List");
    assertThat(list.path("items").get(0).path("metadata").path("name").asString())
        .isEqualTo("reviews-v1");
  }

  @Test
  void jsonOfANamedObjectIsThatObjectAlone() {
    placement.answer("GET /api/v1/objects?kind=deployment", 200, DEPLOYMENTS);

    CliRun run = run("get", "deployment", "reviews-v1", "-o", "json");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode object = JSON.readTree(run.out());
    assertThat(object.path("kind").asString()).isEqualTo("Deployment");
    assertThat(object.path("metadata").path("name").asString()).isEqualTo("reviews-v1");
    assertThat(object.has("items")).isFalse();
  }

  @Test
  void namePrintsKindDotGroupSlashNameAndTheCoreGroupBare() {
    placement
        .answer("GET /api/v1/objects?kind=deployment", 200, DEPLOYMENTS)
        .answer(
            "GET /api/v1/objects?kind=configmap",
            200,
            "[{\"objectKey\":\"core/ConfigMap/default/foo\",\"apiVersion\":\"v1\",\"generation\":1,\"status\":null}]")
        .answer("GET /api/v1/clusters", 200, CLUSTERS);

    assertThat(run("get", "deployments", "-o", "name").out())
        .isEqualTo("deployment.apps/reviews-v1\ndeployment.apps/details-v1\n");
    assertThat(run("get", "cm", "-o", "name").out()).isEqualTo("configmap/foo\n");
    assertThat(run("get", "clusters", "-o", "name").out())
        .isEqualTo("cluster.kafleet.io/member1\n");
  }

  @Test
  void wideAddsEachClustersPhaseHealthAndAppliedGeneration() {
    placement.answer("GET /api/v1/objects?kind=deployment", 200, DEPLOYMENTS);

    CliRun run = run("get", "deployments", "-o", "wide");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out().lines().toList())
        .containsExactly(
            "NAME         GENERATION   CLUSTERS             HEALTH        PHASE                       CLUSTER-HEALTH                    APPLIED-GENERATION",
            "reviews-v1   2            1/2 clusters ready   Progressing   member1=Applied,member2=-   member1=Healthy,member2=Unknown   member1=2,member2=-",
            "details-v1   1            -                    -             <none>                      <none>                            <none>");
  }

  @Test
  void clustersAreAListOfClusterObjectsAndWideAddsWhereTheyRunAndTheirTaints() {
    placement.answer("GET /api/v1/clusters", 200, CLUSTERS);

    JsonNode list = JSON.readTree(run("get", "clusters", "-o", "json").out());
    CliRun wide = run("get", "clusters", "-o", "wide");

    assertThat(list.path("kind").asString()).isEqualTo("List");
    JsonNode member1 = list.path("items").get(0);
    assertThat(member1.path("apiVersion").asString()).isEqualTo("kafleet.io/v1alpha1");
    assertThat(member1.path("kind").asString()).isEqualTo("Cluster");
    assertThat(member1.path("metadata").path("labels").path("region").asString()).isEqualTo("hz");
    assertThat(member1.path("spec").path("accepted").asBoolean()).isTrue();
    assertThat(member1.path("status").path("ready").asBoolean()).isTrue();
    assertThat(wide.out().lines().toList())
        .as("wide, seen:%n%s", wide.out())
        .hasSize(2)
        .satisfies(
            lines ->
                assertThat(lines.get(0))
                    .matches(
                        "NAME +MODE +READY +VERSION +LABELS +AGE +CONDITION +PROVIDER +REGION +ZONE"
                            + " +TAINTS"),
            lines ->
                assertThat(lines.get(1))
                    .matches(
                        "member1 +Pull +True +v1\\.36\\.3 +region=hz +\\d+d +heartbeat 2s ago +aliyun"
                            + " +cn-hangzhou +cn-hangzhou-b +gpu=none:NoSchedule"));
  }

  @Test
  void anUnknownFormatIsRefusedInKubectlsWordsBeforeAnyCall() {
    CliRun run = run("get", "deployments", "-o", "jsonpath");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: unable to match a printer suitable for the output format \"jsonpath\","
                + " allowed formats are: json, name, wide, yaml\n");
    assertThat(placement.requests).as("requests made").isEmpty();
  }

  @Test
  void liveObjectsOfAMemberStayTheListItsApiServerReturned() {
    String list =
        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
            + "\"metadata\":{\"name\":\"reviews-v1\",\"namespace\":\"default\",\"generation\":3}}]}";
    placement
        .answer(
            "GET /api/v1/clusters/member1/objects?apiVersion=apps%2Fv1&kind=Deployment&namespace=default",
            200, list)
        .answer(
            "GET /api/v1/clusters/member1/objects?apiVersion=apps%2Fv1&kind=Deployment&namespace=default&name=reviews-v1",
            200, list);

    JsonNode all = JSON.readTree(run("get", "deployments", "-m", "member1", "-o", "json").out());
    JsonNode one =
        JSON.readTree(run("get", "deployment", "reviews-v1", "-m", "member1", "-o", "json").out());
    CliRun names = run("get", "deployments", "-m", "member1", "-o", "name");

    assertThat(all).isEqualTo(JSON.readTree(list));
    assertThat(one.path("metadata").path("generation").asLong()).isEqualTo(3);
    assertThat(one.has("items")).isFalse();
    assertThat(names.out()).isEqualTo("deployment.apps/reviews-v1\n");
  }

  @Test
  void watchPrintsTheTableThenALinePerObjectThatChangesUntilInterrupted() throws Exception {
    String before =
        "[{\"objectKey\":\"apps/Deployment/default/reviews-v1\",\"apiVersion\":\"apps/v1\",\"generation\":1,\"status\":null}]";
    String after =
        "[{\"objectKey\":\"apps/Deployment/default/reviews-v1\",\"apiVersion\":\"apps/v1\",\"generation\":2,\"status\":null}]";
    placement.answerInTurn(
        "GET /api/v1/objects?kind=deployment", 200, before, before, before, after);
    String[] args = {"get", "deployments", "-w", "--server=" + placement.url()};
    CommandLine cli = KafleetCommand.commandLine(args);
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int[] exitCode = {-1};
    Thread watcher = new Thread(() -> exitCode[0] = cli.execute(args));
    watcher.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().lines().count() >= 3);
    } finally {
      watcher.interrupt();
      watcher.join(Duration.ofSeconds(10).toMillis());
    }

    assertThat(watcher.isAlive()).as("watch still running after the interrupt").isFalse();
    assertThat(exitCode[0]).as("exit code after the interrupt").isZero();
    assertThat(out.toString().lines().toList())
        .as("output, seen:%n%s", out)
        .containsExactly(
            "NAME         GENERATION   CLUSTERS   HEALTH",
            "reviews-v1   1            -          -",
            "reviews-v1   2            -          -");
  }
}
