package io.kafleet.agent.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ConflictResolution;
import io.kafleet.events.Work;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DesiredSetTest {

  @Test
  void theLatestRecordOfAKeyWinsAndATombstoneRemovesIt() {
    DesiredSet set = new DesiredSet();

    set.add(
        List.of(
            record(0, "core/ConfigMap/a/x", work("h1", true)),
            record(1, "core/ConfigMap/a/y", work("h2", false)),
            record(2, "core/ConfigMap/a/x", null),
            record(3, "core/ConfigMap/a/y", work("h3", false))));

    assertThat(set.works()).containsOnlyKeys("core/ConfigMap/a/y");
    assertThat(set.works().get("core/ConfigMap/a/y").getContentHash()).isEqualTo("h3");
    assertThat(set.lastBeforeRemoval("core/ConfigMap/a/x").getPreserveOnDeletion()).isTrue();
  }

  @Test
  void aBatchKeepsOnlyTheLatestRecordPerKey() {
    var latest =
        DesiredSet.latestPerKey(
            List.of(
                record(0, "k1", work("h1", false)),
                record(1, "k2", work("h2", false)),
                record(2, "k1", null)));

    assertThat(latest).containsOnlyKeys("k2", "k1");
    assertThat(latest.get("k1")).isNull();
  }

  @Test
  void aWorkSentJustBeforeItsTombstoneInTheBatchIsTheOneThatDecidesTheRemoval() {
    var before =
        DesiredSet.lastBeforeTombstones(
            List.of(
                record(0, "kept", work("h1", true)),
                record(1, "kept", null),
                record(2, "back", work("h2", true)),
                record(3, "back", null),
                record(4, "back", work("h3", false)),
                record(5, "gone", null),
                record(6, "twice", work("h4", false)),
                record(7, "twice", null),
                record(8, "twice", null)));

    assertThat(before).containsOnlyKeys("kept", "twice");
    assertThat(before.get("kept").getPreserveOnDeletion()).isTrue();
    assertThat(before.get("twice").getContentHash()).isEqualTo("h4");
  }

  private static ConsumerRecord<String, Work> record(long offset, String key, Work work) {
    return new ConsumerRecord<>("kafleet.es.m", 0, offset, key, work);
  }

  static Work work(String hash, boolean preserve) {
    return Work.newBuilder()
        .setObjectKey("core/ConfigMap/a/x")
        .setCluster("m")
        .setApiVersion("v1")
        .setManifest("{}")
        .setTemplateGeneration(1)
        .setContentHash(hash)
        .setConflictResolution(ConflictResolution.Abort)
        .setPreserveOnDeletion(preserve)
        .setCreatedAt(Instant.EPOCH)
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }
}
