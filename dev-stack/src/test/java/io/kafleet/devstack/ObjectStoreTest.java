package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ObjectStoreTest {

  private static final String CONFIG_MAPS = "/configmaps";

  private final ObjectStore store = new ObjectStore(3);

  @Test
  void storesWhatIsWrittenWithTheMetadataTheServerOwns() {
    ObjectStore.Stored stored = store.put(CONFIG_MAPS, "shop", "cm", configMap("cm", "1"));

    ObjectNode read = ObjectStore.read(store.get(CONFIG_MAPS, "shop", "cm").json());
    assertThat(read.at("/data/value").asString()).isEqualTo("1");
    assertThat(read.at("/metadata/namespace").asString()).isEqualTo("shop");
    assertThat(read.at("/metadata/resourceVersion").asString())
        .isEqualTo(String.valueOf(stored.resourceVersion()));
    assertThat(read.at("/metadata/uid").asString()).isNotEmpty();
    assertThat(store.get(CONFIG_MAPS, "other", "cm")).isNull();
  }

  @Test
  void writingWhatIsStoredChangesNothingAndTellsNoWatch() {
    ObjectStore.Stored first = store.put(CONFIG_MAPS, "shop", "cm", configMap("cm", "1"));
    List<String> events = new ArrayList<>();
    store.watch(CONFIG_MAPS, null, Selector.ALL, first.resourceVersion(), events::add);

    ObjectStore.Stored again = store.put(CONFIG_MAPS, "shop", "cm", configMap("cm", "1"));
    ObjectStore.Stored changed = store.put(CONFIG_MAPS, "shop", "cm", configMap("cm", "2"));

    assertThat(again.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(changed.resourceVersion()).isGreaterThan(first.resourceVersion());
    assertThat(events).hasSize(1).allMatch(event -> event.startsWith("{\"type\":\"MODIFIED\""));
  }

  @Test
  void aWatchResumesAfterItsResourceVersionWithinItsNamespaceAndSelector() {
    store.put("/secrets", "shop", "s", configMap("s", "1"));
    long listed = store.list(CONFIG_MAPS, null, Selector.ALL).resourceVersion();
    store.put(CONFIG_MAPS, "shop", "a", configMap("a", "1"));
    store.put(CONFIG_MAPS, "other", "b", configMap("b", "1"));
    store.remove(CONFIG_MAPS, "shop", "a");

    List<String> events = new ArrayList<>();
    store.watch(CONFIG_MAPS, "shop", Selector.ALL, listed, events::add);
    store.put(CONFIG_MAPS, "shop", "c", configMap("c", "1"));

    assertThat(events)
        .extracting(event -> ObjectStore.read(event).get("type").asString())
        .containsExactly("ADDED", "DELETED", "ADDED");
  }

  @Test
  void aWatchFromAVersionNoLongerKeptIsToldGone() {
    for (int i = 0; i < 5; i++) {
      store.put(CONFIG_MAPS, "shop", "cm-" + i, configMap("cm-" + i, "1"));
    }
    List<String> events = new ArrayList<>();
    store.watch(CONFIG_MAPS, null, Selector.ALL, 1L, events::add);

    assertThat(events).hasSize(1);
    assertThat(ObjectStore.read(events.get(0)).at("/object/code").asInt()).isEqualTo(410);
  }

  @Test
  void listsOneCollectionFilteredAndSorted() {
    store.put(CONFIG_MAPS, "shop", "b", configMap("b", "1"));
    store.put(CONFIG_MAPS, "shop", "a", configMap("a", "1"));
    store.put("/secrets", "shop", "s", configMap("s", "1"));

    assertThat(store.list(CONFIG_MAPS, "shop", Selector.ALL).items())
        .extracting(ObjectStore.Stored::name)
        .containsExactly("a", "b");
  }

  private static ObjectNode configMap(String name, String value) {
    return ObjectStore.read(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + name
            + "\"},\"data\":{\"value\":\""
            + value
            + "\"}}");
  }
}
