package io.kafleet.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.devstack.DevCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One member's agent stopped and restarted during the bookinfo apply: the end state is the same as
 * without the fault, in the member's API server and in placement-service's status. The member's
 * kube-apiserver keeps running, as when the agent's pod is rescheduled.
 */
@ExtendWith(SuiteExtension.class)
class FaultE2EIT {

  private static Suite suite;
  private BookinfoSeed bookinfo;
  private DevCluster member2;

  @BeforeAll
  static void useTheSuite(Suite shared) {
    suite = shared;
  }

  @BeforeEach
  void startFromAFleetWithoutBookinfo() {
    bookinfo = new BookinfoSeed(suite);
    member2 = suite.cluster("member2");
    bookinfo.removeFromFleet();
  }

  @AfterEach
  void leaveTheFleetAsFound() {
    if (!member2.agentRunning()) {
      member2.startAgent();
    }
    bookinfo.removeFromFleet();
  }

  @Test
  void worksWrittenWhileTheAgentIsStoppedAreAppliedWhenItRestarts() {
    member2.stopAgent();

    bookinfo.apply();
    bookinfo.assertLandedIn("member1");
    bookinfo.assertAbsentFrom("member2");
    member2.startAgent();

    bookinfo.assertLandedIn("member2");
    bookinfo.assertStatusCurrentIn("member2");
    bookinfo.assertLandedIn("member1");
  }

  @Test
  void anAgentStoppedAfterPartOfTheWorksLosesNone() {
    bookinfo.apply();
    try (KubernetesClient member = suite.member("member2")) {
      Suite.await(
          () ->
              Suite.names(member.apps().deployments().inNamespace("default").list().getItems())
                  .stream()
                  .anyMatch(BookinfoSeed.DEPLOYMENTS.get("member2")::contains),
          "a first bookinfo Deployment in member2");
    }
    member2.stopAgent();
    member2.startAgent();

    bookinfo.assertLandedIn("member2");
    bookinfo.assertStatusCurrentIn("member2");
    bookinfo.assertLandedIn("member1");
  }
}
