package io.kafleet.placement.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.Work;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.sealing.SealingKeys;
import io.kafleet.sealing.SecretManifests;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealingTest {

  private static final String SECRET_AND_CONFIG =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      stringData: {password: hunter2}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: db, namespace: shop}
      data: {mode: fast}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: db, namespace: shop}
      spec:
        resourceSelectors: [{apiVersion: v1, kind: Secret}, {apiVersion: v1, kind: ConfigMap}]
        placement: {clusterAffinity: {clusterNames: [member1, member2]}}
      """;

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of(), true, true),
          new MemberState("member2", Map.of(), true, true));

  private final KeyPair member1 = SealingKeys.generate();
  private final String member1Key = SealingKeys.encode(member1.getPublic());
  private final byte[] hashKey = filled(32, 7);

  @Test
  void sealsSecretsForTheirClusterAndHoldsThemWhereTheClusterHasNoKey() {
    DesiredWorks.Desired desired =
        new SecretSealing(false, hashKey).apply(compute(), Map.of("member1", member1Key));

    assertThat(keysIn(desired, "member1"))
        .containsExactly("core/ConfigMap/shop/db", "core/Secret/shop/db");
    assertThat(keysIn(desired, "member2")).containsExactly("core/ConfigMap/shop/db");
    assertThat(desired.held())
        .extracting(DesiredWorks.Held::describe)
        .containsExactly(
            "not updated in member2: core/Secret/shop/db kind: cluster member2 has no sealing key:"
                + " Secrets are never sent in plain text");
    assertThat(work(desired, "member1", "core/ConfigMap/shop/db").sealFor()).isEmpty();
  }

  @Test
  void theEventCarriesTheValuesSealedForTheClusterOnly() {
    RenderedWork secret =
        work(
            new SecretSealing(false, hashKey).apply(compute(), Map.of("member1", member1Key)),
            "member1",
            "core/Secret/shop/db");

    Work event = secret.toEvent(1, Instant.EPOCH);

    assertThat(event.getManifest()).doesNotContain("hunter2").doesNotContain("stringData");
    assertThat(event.getManifest()).contains("\"name\":\"db\"");
    assertThat(event.getSealedData()).startsWith("kfs1.").doesNotContain("hunter2");
    assertThat(
            SecretManifests.open(
                event.getManifest(),
                event.getSealedData(),
                member1.getPrivate(),
                "member1",
                "core/Secret/shop/db"))
        .contains("\"stringData\":{\"password\":\"hunter2\"}");
  }

  @Test
  void theHashOfASealedWorkIsKeyedStableAndFollowsTheClusterKey() {
    DesiredWorks.Desired plain = compute();
    String plainHash = work(plain, "member1", "core/Secret/shop/db").contentHash();

    String sealed = sealedHash(hashKey, member1Key);

    assertThat(sealed)
        .as("an HMAC, not the SHA-256 a guess could be checked against")
        .isNotEqualTo(plainHash)
        .hasSize(64);
    assertThat(sealedHash(hashKey, member1Key)).as("equal Secrets, equal hashes").isEqualTo(sealed);
    assertThat(sealedHash(filled(32, 8), member1Key)).isNotEqualTo(sealed);
    assertThat(sealedHash(hashKey, SealingKeys.encode(SealingKeys.generate().getPublic())))
        .as("a new cluster key re-seals")
        .isNotEqualTo(sealed);
  }

  @Test
  void plainTextOnlyWhereAllowedAndOnlyForClustersWithoutAKey() {
    DesiredWorks.Desired desired =
        new SecretSealing(true, hashKey).apply(compute(), Map.of("member1", member1Key));

    assertThat(desired.held()).isEmpty();
    assertThat(work(desired, "member2", "core/Secret/shop/db").sealFor()).isEmpty();
    assertThat(work(desired, "member1", "core/Secret/shop/db").sealFor()).contains(member1Key);
  }

  private String sealedHash(byte[] key, String clusterKey) {
    return work(
            new SecretSealing(false, key).apply(compute(), Map.of("member1", clusterKey)),
            "member1",
            "core/Secret/shop/db")
        .contentHash();
  }

  private static DesiredWorks.Desired compute() {
    List<DesiredWorks.Template> templates = new ArrayList<>();
    List<PlacementPolicy> policies = new ArrayList<>();
    for (Submission submission :
        Submissions.read("test.yaml", SECRET_AND_CONFIG, Integer.MAX_VALUE)) {
      if (submission instanceof Submission.Template template) {
        templates.add(new DesiredWorks.Template(template.ref(), template.document()));
      } else if (submission instanceof Submission.Policy policy) {
        policies.add(policy.policy());
      }
    }
    return DesiredWorks.compute(templates, policies, List.of(), MEMBERS);
  }

  private static List<String> keysIn(DesiredWorks.Desired desired, String cluster) {
    return desired.works().stream()
        .filter(work -> work.cluster().equals(cluster))
        .map(work -> work.key().toString())
        .sorted()
        .toList();
  }

  private static RenderedWork work(DesiredWorks.Desired desired, String cluster, String key) {
    return desired.works().stream()
        .filter(w -> w.cluster().equals(cluster) && w.key().toString().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no work " + key + " in " + cluster));
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
