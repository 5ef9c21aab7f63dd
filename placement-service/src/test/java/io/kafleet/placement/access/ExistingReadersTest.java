package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.ControlPlaneAccess;
import io.kafleet.schemas.ReaderAccessPlan;
import io.kafleet.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

class ExistingReadersTest {

  @Test
  void readersAreFoundByTheirPrincipalsPrefixedGroupsOnly() {
    List<AclBinding> acls = new ArrayList<>();
    acls.addAll(ReaderAccessPlan.of("grafana", "dash-", Topics.DEFAULT).bindings());
    acls.addAll(ReaderAccessPlan.of("connect", "connect-", Topics.DEFAULT).bindings());
    ControlPlaneAccess.all(Topics.DEFAULT).forEach(service -> acls.addAll(service.bindings()));

    assertThat(ExistingReaders.fromAcls(acls).groupPrefixes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("grafana", "dash-", "connect", "connect-"));
  }

  @Test
  void aNameInUseIsAConflictWhetherItHasACredentialOrAcls() {
    ExistingReaders existing = new ExistingReaders(Map.of("grafana", "dash-"));

    assertThat(existing.conflict(request("grafana", "other-"), false))
        .hasValueSatisfying(reason -> assertThat(reason).contains("reader grafana exists already"));
    assertThat(new ExistingReaders(Map.of()).conflict(request("grafana", "dash-"), true))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("kafleet-reader-grafana has access"));
  }

  @Test
  void aPrefixThatOverlapsAnotherReadersEitherWayIsAConflict() {
    ExistingReaders existing = new ExistingReaders(Map.of("grafana", "dash-board-"));

    assertThat(existing.conflict(request("a", "dash-"), false))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("groupPrefix").contains("reader grafana"));
    assertThat(existing.conflict(request("b", "dash-board-x-"), false)).isPresent();
    assertThat(existing.conflict(request("c", "dash-boards-"), false)).isEmpty();
    assertThat(existing.conflict(request("d", "d-"), false)).isEmpty();
  }

  private static ReaderRequest.Checked request(String reader, String prefix) {
    return ReaderRequest.check(reader, new ReaderRequest(prefix), Topics.DEFAULT);
  }
}
