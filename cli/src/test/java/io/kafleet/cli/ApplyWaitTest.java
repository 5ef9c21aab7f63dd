package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyWaitTest {

  private static final String DEPLOYMENT = "apps/Deployment/default/reviews-v1";
  private static final String POLICY = "policy.karmada.io/PropagationPolicy/default/reviews";

  private final FakePlacement placement;
  @TempDir private Path dir;
  private Path manifest;

  ApplyWaitTest() throws Exception {
    placement = new FakePlacement();
  }

  @BeforeEach
  void manifest() throws Exception {
    manifest = Files.writeString(dir.resolve("reviews.yaml"), "kind: Deployment");
    placement
        .answer(
            "POST /api/v1/apply?source=reviews.yaml",
            200,
            "[{\"objectKey\":\""
                + DEPLOYMENT
                + "\",\"generation\":2,\"result\":\"configured\"},"
                + "{\"objectKey\":\""
                + POLICY
                + "\",\"generation\":1,\"result\":\"unchanged\"}]")
        .answer(
            "GET /api/v1/objects/" + POLICY,
            200,
            "{\"objectKey\":\"" + POLICY + "\",\"generation\":1,\"status\":null}");
  }

  @AfterEach
  void stop() {
    placement.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(args, "--server=" + placement.url());
  }

  /** The stored summary with one entry per cluster: {@code cluster:phase:current[:message]}. */
  static String summary(long generation, String... clusters) {
    StringBuilder entries = new StringBuilder();
    for (String cluster : clusters) {
      String[] parts = cluster.split(":", 4);
      if (!entries.isEmpty()) {
        entries.append(',');
      }
      entries
          .append("{\"cluster\":\"")
          .append(parts[0])
          .append("\",\"phase\":")
          .append(parts[1].equals("-") ? "null" : "\"" + parts[1] + "\"")
          .append(",\"health\":\"Progressing\",\"appliedGeneration\":1,\"current\":")
          .append(parts[2])
          .append(",\"message\":")
          .append(parts.length > 3 ? "\"" + parts[3] + "\"" : "null")
          .append(",\"liveSummary\":{}}");
    }
    return "{\"objectKey\":\""
        + DEPLOYMENT
        + "\",\"apiVersion\":\"apps/v1\",\"generation\":"
        + generation
        + ",\"status\":{\"objectKey\":\""
        + DEPLOYMENT
        + "\",\"generation\":"
        + generation
        + ",\"health\":\"Progressing\",\"clusters\":["
        + entries
        + "]}}";
  }

  @Test
  void waitsUntilEveryClusterAppliedTheCurrentWorkThenSummarizes() {
    placement.answerInTurn(
        "GET /api/v1/objects/" + DEPLOYMENT,
        200,
        summary(2, "member1:Applied:false", "member2:-:false"),
        summary(2, "member1:Applied:true", "member2:-:false"),
        summary(2, "member1:Applied:true", "member2:Applied:true"));

    CliRun run = run("apply", "-f", manifest.toString(), "--wait");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .isEqualTo(
            "deployment/reviews-v1 configured\n"
                + "propagationpolicy/reviews unchanged\n"
                + "deployment/reviews-v1: member1 Applied (1/2 clusters reported)\n"
                + "deployment/reviews-v1: member2 Applied (2/2 clusters reported)\n"
                + "\n"
                + "deployment/reviews-v1   member1 Applied   member2 Applied\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aClusterThatFailedFailsTheWaitNamingItAndItsMessage() {
    placement.answer(
        "GET /api/v1/objects/" + DEPLOYMENT,
        200,
        summary(2, "member1:Applied:true", "member2:Failed:true:admission webhook denied it"));

    CliRun run = run("apply", "-f", manifest.toString(), "--wait");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.out())
        .endsWith(
            "deployment/reviews-v1   member1 Applied   member2 Failed (admission webhook denied"
                + " it)\n");
    assertThat(run.err())
        .isEqualTo(
            "error: not applied: deployment/reviews-v1 in member2 Failed (admission webhook denied"
                + " it)\n");
  }

  @Test
  void theTimeoutNamesTheClustersThatHaveNotReported() {
    placement.answer(
        "GET /api/v1/objects/" + DEPLOYMENT,
        200,
        summary(2, "member1:Applied:true", "member2:-:false"));

    CliRun run = run("apply", "-f", manifest.toString(), "--wait", "--timeout", "1s");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.out())
        .endsWith("deployment/reviews-v1   member1 Applied   member2 Pending (not reported yet)\n");
    assertThat(run.err())
        .isEqualTo(
            "error: timed out after 1s waiting for deployment/reviews-v1 in member2 (not reported"
                + " yet)\n");
  }

  @Test
  void aBadTimeoutIsRefusedBeforeAnythingIsApplied() {
    CliRun run = run("apply", "-f", manifest.toString(), "--wait", "--timeout", "soon");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: --timeout: 'soon' is not a duration (whole seconds, or e.g. 90s, 2m, 1h30m)\n");
    assertThat(placement.requests).as("requests sent").isEmpty();
  }

  @Test
  void withoutWaitNothingIsPolled() {
    CliRun run = run("apply", "-f", manifest.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(placement.requests)
        .extracting(FakePlacement.Request::method)
        .containsExactly("POST");
  }
}
