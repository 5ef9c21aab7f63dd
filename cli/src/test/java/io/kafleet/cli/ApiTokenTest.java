package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token goes out as a bearer header; a 401 or 403 is an error naming service and reason. */
class ApiTokenTest {

  private final FakePlacement service;

  ApiTokenTest() throws Exception {
    service = new FakePlacement();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /** Random tokens (base64url) may begin with '-', even with what reads as a short option. */
  @Test
  void aTokenThatBeginsWithADashIsTheTokenNotAnOption() {
    service.answer("GET /api/v1/clusters", 200, "[]");

    CliRun run = run("get", "clusters", "--server=" + service.url(), "--token=-wiY-Typfv");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(service.requests)
        .extracting(FakePlacement.Request::authorization)
        .containsExactly("Bearer -wiY-Typfv");
  }

  @Test
  void theTokenGoesOutAsABearerHeaderToBothServices() {
    service
        .answer("GET /api/v1/clusters", 200, "[]")
        .answer("GET /api/v1/virtualservices/default/podinfo/history", 200, "[]");

    assertThat(run("get", "clusters", "--server=" + service.url(), "--token=s3cret").exitCode())
        .isZero();
    assertThat(
            run(
                    "traffic",
                    "history",
                    "podinfo",
                    "--traffic-server=" + service.url(),
                    "--token=t0ken")
                .exitCode())
        .isZero();

    assertThat(service.requests)
        .extracting(FakePlacement.Request::authorization)
        .containsExactly("Bearer s3cret", "Bearer t0ken");
  }

  @Test
  void aForbiddenCallNamesTheServiceTheStatusAndTheMissingRole() {
    service.answer(
        "POST /api/v1/clusters/member1/accept",
        403,
        "{\"reason\":\"admin role required; token 'ci' has operator\",\"field\":\"Authorization\"}");

    CliRun run = run("cluster", "accept", "member1", "--server=" + service.url(), "--token=x");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: placement-service answered 403 Forbidden: admin role required; token 'ci'"
                + " has operator\n");
  }

  @Test
  void anUnauthorizedCallSaysWhereATokenComesFromWhenNoneWasSent() {
    String history = "GET /api/v1/virtualservices/default/podinfo/history";
    service.answer(
        history, 401, "{\"reason\":\"a bearer token is required\",\"field\":\"Authorization\"}");

    CliRun withoutToken = run("traffic", "history", "podinfo", "--traffic-server=" + service.url());
    assertThat(withoutToken.exitCode()).isEqualTo(1);
    assertThat(withoutToken.err())
        .isEqualTo(
            "error: traffic-service answered 401 Unauthorized: a bearer token is required (no"
                + " token was sent: give one with --token, env KAFLEET_TOKEN or a context in"
                + " $KAFLEET_CONFIG or ~/.kafleet/config)\n");

    service.answer(
        history, 401, "{\"reason\":\"unknown bearer token\",\"field\":\"Authorization\"}");
    CliRun wrongToken =
        run("traffic", "history", "podinfo", "--traffic-server=" + service.url(), "--token=wrong");
    assertThat(wrongToken.err())
        .isEqualTo("error: traffic-service answered 401 Unauthorized: unknown bearer token\n");
  }

  private CliRun run(String... args) {
    return CliRun.of(args);
  }
}
