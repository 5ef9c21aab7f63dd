package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RolloutCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String USER = System.getProperty("user.name");

  private final FakePlacement traffic;

  RolloutCommandTest() throws Exception {
    traffic = new FakePlacement();
  }

  @AfterEach
  void stop() {
    traffic.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(args, "--traffic-server=" + traffic.url());
  }

  /** A rollout as GET /api/v1/rollouts/{id} answers, at the given point. */
  private static String view(
      String status, int step, int wave, String stage, String shiftId, String message) {
    return "{\"rolloutId\":\"r-1\",\"status\":\""
        + status
        + "\",\"step\":"
        + step
        + ",\"wave\":"
        + wave
        + ",\"stage\":\""
        + stage
        + "\",\"shiftId\":"
        + (shiftId == null ? "null" : "\"" + shiftId + "\"")
        + ",\"since\":\"2026-11-30T10:00:00Z\",\"message\":"
        + (message == null ? "null" : "\"" + message + "\"")
        + ",\"virtualService\":\"networking.istio.io/VirtualService/default/podinfo\","
        + "\"stableSubset\":\"blue\",\"canarySubset\":\"green\",\"canaryWeight\":"
        + (step == 0 ? 20 : 100)
        + ",\"steps\":[{\"canaryWeight\":20,\"pauseSeconds\":60},{\"canaryWeight\":100,\"pauseSeconds\":0}],"
        + "\"waves\":[[\"member1\"],[\"member2\",\"member3\"]],\"requestedBy\":\"me\"}";
  }

  @Test
  void startSendsTheStepsWavesAndGatesAsTheApiReadsThem() {
    traffic.answer("POST /api/v1/rollouts", 202, "{\"rolloutId\":\"r-1\"}");

    CliRun run =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable",
            "blue",
            "--canary",
            "green",
            "--steps",
            "20:60,50:promote,80:2m,100",
            "--waves",
            "member1;member2,member3",
            "--webhook",
            "https://ci.example/gate",
            "--require-canary-healthy",
            "--step-timeout",
            "5m",
            "-n",
            "shop",
            "--route",
            "primary");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out()).isEqualTo("rollout r-1 started\n");
    JsonNode body = JSON.readTree(traffic.requests.get(0).body());
    assertThat(body.path("virtualService").toString())
        .isEqualTo("{\"namespace\":\"shop\",\"name\":\"podinfo\"}");
    assertThat(body.path("routeName").asString()).isEqualTo("primary");
    assertThat(body.has("routeIndex")).as("routeIndex in %s", body).isFalse();
    assertThat(body.path("stableSubset").asString()).isEqualTo("blue");
    assertThat(body.path("canarySubset").asString()).isEqualTo("green");
    assertThat(body.path("steps").toString())
        .isEqualTo(
            "[{\"canaryWeight\":20,\"pauseSeconds\":60},{\"canaryWeight\":50,\"pauseSeconds\":null},"
                + "{\"canaryWeight\":80,\"pauseSeconds\":120},{\"canaryWeight\":100,\"pauseSeconds\":0}]");
    assertThat(body.path("waves").toString())
        .isEqualTo("[[\"member1\"],[\"member2\",\"member3\"]]");
    assertThat(body.path("gates").toString())
        .isEqualTo(
            "{\"requireCanaryHealthy\":true,\"webhookUrl\":\"https://ci.example/gate\",\"stepTimeoutSeconds\":300}");
    assertThat(body.path("requestedBy").asString()).isEqualTo(USER + " (kafleet rollout start)");
  }

  @Test
  void repeatedWaveOptionsAndANumericRouteAreTheirApiFields() {
    traffic.answer("POST /api/v1/rollouts", 202, "{\"rolloutId\":\"r-2\"}");

    CliRun run =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=100",
            "--wave=member1",
            "--wave=member2,member3",
            "--route=1",
            "--id=ci-17");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode body = JSON.readTree(traffic.requests.get(0).body());
    assertThat(body.path("waves").toString())
        .isEqualTo("[[\"member1\"],[\"member2\",\"member3\"]]");
    assertThat(body.path("routeIndex").asInt()).isEqualTo(1);
    assertThat(body.path("correlationId").asString()).isEqualTo("ci-17");
    assertThat(body.has("gates")).as("gates without gate options, in %s", body).isFalse();
  }

  @Test
  void aBadStepIsAnErrorNamingItAndNothingIsSent() {
    CliRun run =
        run("rollout", "start", "podinfo", "--stable=blue", "--canary=green", "--steps=20:x,100");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: --steps: '20:x': the pause 'x' is neither a duration")
        .endsWith("nor 'promote'\n");
    assertThat(traffic.requests).as("requests sent").isEmpty();
  }

  @Test
  void bothWaveFormsAtOnceAreRefused() {
    CliRun run =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=100",
            "--waves=member1",
            "--wave=member2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: use either --waves or --wave, not both\n");
    assertThat(traffic.requests).isEmpty();
  }

  @Test
  void aRefusedStartPrintsTheFieldTrafficServiceNamed() {
    traffic.answer(
        "POST /api/v1/rollouts",
        400,
        "{\"reason\":\"weights must increase\",\"field\":\"steps[1].canaryWeight\"}");

    CliRun run =
        run("rollout", "start", "podinfo", "--stable=blue", "--canary=green", "--steps=50,20");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: steps[1].canaryWeight: weights must increase\n");
  }

  @Test
  void everyViolationTrafficServiceNamedIsPrinted() {
    traffic.answer(
        "POST /api/v1/rollouts",
        400,
        "{\"reason\":\"must be 0..100\",\"field\":\"steps[0].canaryWeight\",\"violations\":["
            + "{\"field\":\"steps[0].canaryWeight\",\"reason\":\"must be 0..100\"},"
            + "{\"field\":\"waves[1][0]\",\"reason\":\"is in wave 0 already\"}]}");

    CliRun run =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=150",
            "--waves=member1;member1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: steps[0].canaryWeight: must be 0..100; waves[1][0]: is in wave 0 already\n");
  }

  @Test
  void startWaitShowsEachMoveUntilTheRolloutCompletes() {
    traffic
        .answer("POST /api/v1/rollouts", 202, "{\"rolloutId\":\"r-1\"}")
        .answerInTurn(
            "GET /api/v1/rollouts/r-1",
            200,
            view("RUNNING", 0, 0, "GATING", "s-1", null),
            view("RUNNING", 0, 0, "GATING", "s-1", null),
            view("RUNNING", 0, 1, "GATING", "s-2", null),
            view("COMPLETED", 1, 1, "PAUSING", "s-3", null));

    CliRun run =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=20:60,100",
            "--wait");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .isEqualTo(
            "rollout r-1 started\n"
                + "RUNNING step 0 of 2 (20% canary) wave 0 of 2 [member1] GATING shift s-1\n"
                + "RUNNING step 0 of 2 (20% canary) wave 1 of 2 [member2, member3] GATING shift s-2\n"
                + "COMPLETED step 1 of 2 (100% canary) shift s-3\n");
  }

  @Test
  void statusWatchFailsWithTheReasonWhenTheRolloutAborts() {
    traffic.answerInTurn(
        "GET /api/v1/rollouts/r-1",
        200,
        view("RUNNING", 0, 1, "GATING", "s-2", null),
        view("ABORTED", 0, 1, "GATING", "s-4", "not converged {member3=TimedOut}"));

    CliRun run = run("rollout", "status", "r-1", "--watch");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.out())
        .endsWith("ABORTED step 0 of 2 (20% canary) shift s-4: not converged {member3=TimedOut}\n");
    assertThat(run.err())
        .isEqualTo("error: rollout r-1 aborted: not converged {member3=TimedOut}\n");
  }

  @Test
  void statusWatchGivesUpAfterItsTimeoutSayingWhereTheRolloutStands() {
    traffic.answer("GET /api/v1/rollouts/r-1", 200, view("PAUSED", 0, 0, "PAUSING", "s-1", null));

    CliRun run = run("rollout", "status", "r-1", "--watch", "--timeout=1s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: rollout r-1 has not ended within 1s: PAUSED step 0 of 2 (20% canary) wave 0 of"
                + " 2 [member1] PAUSING shift s-1\n");
  }

  @Test
  void statusPrintsWhereTheRolloutStands() {
    traffic.answer(
        "GET /api/v1/rollouts/r-1",
        200,
        view("ABORTED", 0, 1, "GATING", "s-4", "aborted by alice"));

    CliRun run = run("rollout", "status", "r-1");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .isEqualTo(
            "Rollout:         r-1\n"
                + "VirtualService:  networking.istio.io/VirtualService/default/podinfo\n"
                + "Subsets:         blue (stable) -> green (canary)\n"
                + "Status:          ABORTED\n"
                + "Step:            0 of 2 (20% canary)\n"
                + "Wave:            1 of 2 [member2, member3]\n"
                + "Stage:           GATING\n"
                + "Shift:           s-4\n"
                + "Since:           2026-11-30T10:00:00Z\n"
                + "Message:         aborted by alice\n"
                + "Steps:           20% pause 1m; 100%\n");
  }

  /** An analysed rollout as the API answers it: two checks, the second failing, and the abort. */
  private static final String ANALYSED =
      """
      {"rolloutId":"r-3","status":"ABORTED","step":1,"wave":0,"stage":"GATING","shiftId":"s-5",
       "since":"2026-11-30T12:00:08Z",
       "message":"step 1 (50% canary) in wave 0: analysis: request-success-rate in member2 was 79.5, outside 99.. (1 failed check(s) in a row, threshold 1); shift s-5 back to 100% blue",
       "virtualService":"networking.istio.io/VirtualService/default/podinfo",
       "stableSubset":"blue","canarySubset":"green","canaryWeight":50,
       "steps":[{"canaryWeight":0,"pauseSeconds":0,
                 "testMatches":[{"x-canary":{"exact":"true"}}],"checks":3},
                {"canaryWeight":50,"pauseSeconds":0,"checks":1},
                {"canaryWeight":100,"pauseSeconds":null,"checks":1}],
       "waves":[],"gates":{"requireCanaryHealthy":true,"webhookUrl":null,"stepTimeoutSeconds":300},
       "analysis":{"intervalSeconds":30,"threshold":1,"metrics":[
         {"name":"request-success-rate","query":null,"min":99.0,"max":null,"windowSeconds":60},
         {"name":"errors","query":"sum(rate(errors_total[{{ interval }}]))","min":null,"max":1.0,"windowSeconds":30}]},
       "canaryDeployment":"podinfo-green","requestedBy":"me","requestedAt":"2026-11-30T12:00:00Z",
       "history":[
         {"phase":"StepStarted","step":1,"wave":0,"at":"2026-11-30T12:00:00Z","message":"shift s-4"},
         {"phase":"Analysed","step":1,"wave":0,"at":"2026-11-30T12:00:04Z","message":"check failed",
          "measurements":[
            {"cluster":"member1","metric":"request-success-rate","value":100.0,"min":99.0,"max":null,"error":null,"passed":true},
            {"cluster":"member2","metric":"request-success-rate","value":79.5,"min":99.0,"max":null,"error":null,"passed":false},
            {"cluster":"member2","metric":"errors","value":null,"min":null,"max":1.0,"error":"no data","passed":false}]},
         {"phase":"Aborted","step":1,"wave":0,"at":"2026-11-30T12:00:08Z","message":"analysis: 1 failed check(s) in a row",
          "measurements":[
            {"cluster":"member2","metric":"request-success-rate","value":79.5,"min":99.0,"max":null,"error":null,"passed":false}]}]}
      """;

  @Test
  void statusShowsTheAnalysisAskedAndEachCheckWithItsMeasurements() {
    traffic.answer("GET /api/v1/rollouts/r-3", 200, ANALYSED);

    CliRun run = run("rollout", "status", "r-3");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .contains(
            "Steps:           0% header x-canary exact true, 3 checks; 50%; 100% until promoted\n"
                + "Analysis:        every 30s, rolled back after 1 failed check(s) in a row in a"
                + " cluster\n"
                + "  request-success-rate 99.. over 1m (built-in)\n"
                + "  errors ..1 over 30s: sum(rate(errors_total[{{ interval }}]))\n"
                + "History (UTC):\n"
                + "  step 1 wave 0  12:00:00  StepStarted: shift s-4\n"
                + "  step 1 wave 0  12:00:04  check failed: request-success-rate in member2 79.5"
                + " (min 99); errors in member2 no value (no data)\n"
                + "    member1  request-success-rate  100   99..  passed\n"
                + "    member2  request-success-rate  79.5  99..  failed\n"
                + "    member2  errors                -     ..1   failed: no data\n"
                + "  step 1 wave 0  12:00:08  Aborted: analysis: 1 failed check(s) in a row\n"
                + "    member2  request-success-rate  79.5  99..  failed\n");
  }

  @Test
  void statusAsJsonKeepsTheAnalysisAndMeasurementsAsTheApiGaveThem() {
    traffic.answer("GET /api/v1/rollouts/r-3", 200, ANALYSED);

    CliRun run = run("rollout", "status", "r-3", "-o", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(ANALYSED));
  }

  @Test
  void startSendsTheAnalysisAndATestStepAsTheApiReadsThem() {
    traffic.answer("POST /api/v1/rollouts", 202, "{\"rolloutId\":\"r-3\"}");

    CliRun run =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=0:checks=3:header=x-canary:exact:true,50,100",
            "--analysis-interval=30s",
            "--threshold=2",
            "--metric=request-success-rate:99..",
            "--metric=request-duration:..500@1m",
            "--metric=errors:0..1=sum(rate(errors_total{namespace=\"{{ namespace }}\"}[{{ interval }}]))");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode body = JSON.readTree(traffic.requests.get(0).body());
    assertThat(body.path("steps").toString())
        .isEqualTo(
            "[{\"canaryWeight\":0,\"pauseSeconds\":0,"
                + "\"testMatches\":[{\"headers\":{\"x-canary\":{\"exact\":\"true\"}}}],\"checks\":3},"
                + "{\"canaryWeight\":50,\"pauseSeconds\":0},{\"canaryWeight\":100,\"pauseSeconds\":0}]");
    assertThat(body.path("analysis").toString())
        .isEqualTo(
            "{\"intervalSeconds\":30,\"threshold\":2,\"metrics\":["
                + "{\"name\":\"request-success-rate\",\"min\":99.0},"
                + "{\"name\":\"request-duration\",\"max\":500.0,\"windowSeconds\":60},"
                + "{\"name\":\"errors\",\"query\":\"sum(rate(errors_total{namespace=\\\"{{ namespace }}\\\"}[{{ interval }}]))\","
                + "\"min\":0.0,\"max\":1.0}]}");
  }

  @Test
  void analysisOptionsWithoutAMetricOrABadMetricAreRefusedAndNothingIsSent() {
    CliRun noMetric =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=100",
            "--threshold=2");
    CliRun badMetric =
        run(
            "rollout",
            "start",
            "podinfo",
            "--stable=blue",
            "--canary=green",
            "--steps=100",
            "--metric=request-success-rate>99");

    assertThat(noMetric.exitCode()).isEqualTo(1);
    assertThat(noMetric.err())
        .isEqualTo("error: --threshold needs at least one --metric to check\n");
    assertThat(badMetric.exitCode()).isEqualTo(1);
    assertThat(badMetric.err())
        .startsWith(
            "error: --metric: 'request-success-rate>99': expected NAME:MIN..MAX[@WINDOW][=PROMQL]");
    assertThat(traffic.requests).as("requests sent").isEmpty();
  }

  @Test
  void statusAsJsonIsTheApisView() {
    String view = view("RUNNING", 0, 0, "STARTING", null, null);
    traffic.answer("GET /api/v1/rollouts/r-1", 200, view);

    CliRun run = run("rollout", "status", "r-1", "-o", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(view));
  }

  @Test
  void promoteFullAndAbortCallTheirEndpointsAndPrintTheNewState() {
    traffic
        .answer(
            "POST /api/v1/rollouts/r-1/promote?to=full",
            200,
            view("RUNNING", 2, 0, "STARTING", null, null))
        .answer(
            "POST /api/v1/rollouts/r-1/abort?by=" + ServiceApi.encode(USER),
            409,
            "{\"reason\":\"the rollout is over already\"}");

    CliRun promote = run("rollout", "promote", "r-1", "--full");
    CliRun abort = run("rollout", "abort", "r-1");

    assertThat(promote.exitCode()).as("exit code, seen %s", promote).isZero();
    assertThat(promote.out())
        .isEqualTo(
            "rollout r-1 promoted: RUNNING step 2 of 2 (100% canary) wave 0 of 2 [member1] STARTING\n");
    assertThat(abort.exitCode()).isEqualTo(1);
    assertThat(abort.err()).isEqualTo("error: the rollout is over already\n");
  }

  @Test
  void pauseAndResumeSayWhoAsked() {
    String paused = view("PAUSED", 0, 0, "PAUSING", "s-1", null);
    traffic
        .answer("POST /api/v1/rollouts/r-1/pause?by=" + ServiceApi.encode(USER), 200, paused)
        .answer(
            "POST /api/v1/rollouts/r-1/resume?by=" + ServiceApi.encode(USER),
            200,
            view("RUNNING", 0, 0, "PAUSING", "s-1", null));

    CliRun pause = run("rollout", "pause", "r-1");
    CliRun resume = run("rollout", "resume", "r-1");

    assertThat(pause.out()).startsWith("rollout r-1 paused: PAUSED step 0 of 2");
    assertThat(resume.out()).startsWith("rollout r-1 resumed: RUNNING step 0 of 2");
  }
}
