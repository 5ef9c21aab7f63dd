package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChildLedgerTest {

  @Test
  void aRecordReadsBackAsWritten() {
    ChildLedger.Child child =
        new ChildLedger.Child(
            4242,
            "etcd",
            Instant.ofEpochMilli(1796270570910L),
            "/k8s/etcd --listen-client-urls http://127.0.0.1:2379");

    assertThat(ChildLedger.Child.parse(4242, child.line())).isEqualTo(child);
  }

  @Test
  void aLineThatIsNotARecordIsRefusedSayingWhatARecordIs() {
    assertThatThrownBy(() -> ChildLedger.Child.parse(7, "etcd 123 /k8s/etcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role TAB start-millis TAB command");
    assertThatThrownBy(() -> ChildLedger.Child.parse(7, "etcd\tyesterday\t/k8s/etcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start time of child 7")
        .hasMessageContaining("yesterday");
  }

  @Test
  void aRecordNamesARunningProcessOnlyWhenItsStartTimeMatches() {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElseThrow();

    assertThat(new ChildLedger.Child(self.pid(), "x", started, "java").running()).contains(self);
    assertThat(new ChildLedger.Child(self.pid(), "x", started.minusSeconds(1), "java").running())
        .as("the same pid, started at another time: another process")
        .isEmpty();
  }

  @Test
  void theReportNamesEachEndedProcess() {
    assertThat(
            ChildLedger.report(java.util.List.of("etcd (pid 1, e)", "kube-apiserver (pid 2, k)")))
        .startsWith("kafleet: ended 2 processes a stopped dev stack had left running:")
        .contains("  etcd (pid 1, e)", "  kube-apiserver (pid 2, k)");
  }
}
