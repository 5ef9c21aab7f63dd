package io.kafleet.agent.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.kafleet.events.AgentQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryTargetTest {

  @Test
  void readsGroupVersionKindAndTreatsBlankFieldsAsAny() {
    QueryTarget target = QueryTarget.of(query("apps/v1", "Deployment", " ", "", null));

    assertThat(target.group()).isEqualTo("apps");
    assertThat(target.apiVersion()).isEqualTo("apps/v1");
    assertThat(target.kind()).isEqualTo("Deployment");
    assertThat(target.namespace()).isNull();
    assertThat(target.name()).isNull();
    assertThat(target.labelSelector()).isNull();
    assertThat(target.groupKind()).isEqualTo("apps/Deployment");
  }

  @Test
  void theCoreGroupIsEmptyAndNamedCore() {
    QueryTarget target = QueryTarget.of(query("v1", "ConfigMap", "default", "settings", null));

    assertThat(target.group()).isEmpty();
    assertThat(target.groupKind()).isEqualTo("core/ConfigMap");
  }

  @Test
  void theSelectorGoesToTheApiServerAsWrittenAndTheNameAsAFieldSelector() {
    QueryTarget target =
        QueryTarget.of(
            query("apps/v1", "Deployment", "bookinfo", "reviews-v1", "app in (reviews),!canary"));

    ListOptions options = target.listOptions("token-2", 250);

    assertThat(options.getLabelSelector()).isEqualTo("app in (reviews),!canary");
    assertThat(options.getFieldSelector()).isEqualTo("metadata.name=reviews-v1");
    assertThat(options.getContinue()).isEqualTo("token-2");
    assertThat(options.getLimit()).isEqualTo(250L);
  }

  @Test
  void withoutNameOrSelectorTheListIsUnfiltered() {
    ListOptions options =
        QueryTarget.of(query("v1", "Pod", null, null, null)).listOptions(null, 10);

    assertThat(options.getLabelSelector()).isNull();
    assertThat(options.getFieldSelector()).isNull();
  }

  @Test
  void refusesAnApiVersionThatIsNotGroupSlashVersionNamingTheField() {
    assertThatThrownBy(() -> QueryTarget.of(query("apps/v1/extra", "Deployment", null, null, null)))
        .isInstanceOf(QueryRefused.class)
        .hasMessageContaining("apiVersion 'apps/v1/extra'");
    assertThatThrownBy(() -> QueryTarget.of(query("", "Deployment", null, null, null)))
        .isInstanceOf(QueryRefused.class)
        .hasMessageContaining("apiVersion ''");
  }

  @Test
  void refusesAKindThatIsNoKindName() {
    assertThatThrownBy(() -> QueryTarget.of(query("v1", "pods/log", null, null, null)))
        .isInstanceOf(QueryRefused.class)
        .hasMessageContaining("kind 'pods/log'");
  }

  static AgentQuery query(
      String apiVersion, String kind, String namespace, String name, String selector) {
    return AgentQuery.newBuilder()
        .setQueryId("q")
        .setCluster("member1")
        .setApiVersion(apiVersion)
        .setKind(kind)
        .setNamespace(namespace)
        .setName(name)
        .setLabelSelector(selector)
        .setRequestedAt(Instant.EPOCH)
        .build();
  }
}
