package io.kafleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The agent's install manifest: {@code deploy/kafleet-agent.yaml}, which the build copies into the
 * CLI, with one cluster's values set in the parsed objects (never by editing text), printed as
 * multi-document YAML.
 */
final class AgentManifest {

  /** Where the build puts {@code deploy/kafleet-agent.yaml}. */
  static final String TEMPLATE = "kafleet-agent.yaml";

  static final String AGENT_NAME = "kafleet-agent";
  static final String CONTAINER = "agent";
  static final String KAFKA_SECRET = "kafleet-agent-kafka";

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private AgentManifest() {}

  /** The template's documents, as {@code deploy/kafleet-agent.yaml} holds them. */
  static List<ObjectNode> template() {
    try (InputStream in = AgentManifest.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(
            TEMPLATE + " is missing from the CLI: build it with ./mvnw");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      try (MappingIterator<ObjectNode> documents =
          YAML.readerFor(ObjectNode.class).readValues(text)) {
        return documents.readAll();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest that installs the agent of the cluster, one YAML document per object. */
  static String render(AgentInstall install) {
    List<ObjectNode> documents = template();
    ObjectNode secretData = (ObjectNode) object(documents, "Secret").path("stringData");
    secretData.put("KAFLEET_CLUSTER", install.cluster());
    secretData.put("KAFLEET_CLUSTER_LABELS", install.labelsSetting());
    secretData.put("KAFLEET_BOOTSTRAP_SERVERS", install.bootstrapServers());
    secretData.put("KAFLEET_SCHEMA_REGISTRY_URL", install.schemaRegistryUrl());
    ObjectNode kafkaData = (ObjectNode) kafkaSecret(documents).path("stringData");
    install.secretSettings().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            setting ->
                (isKafkaLogin(setting.getKey()) ? kafkaData : secretData)
                    .put(setting.getKey(), setting.getValue()));
    install.image().ifPresent(image -> agentContainer(documents).put("image", image));
    return yaml(documents);
  }

  /**
   * The Secret that holds only how the agent logs in to Kafka, with the given {@code
   * KAFLEET_KAFKA_*} settings: what a rotate prints, for {@code kubectl apply -f -}.
   */
  static String kafkaSecret(Map<String, String> login) {
    ObjectNode secret = kafkaSecret(template());
    ObjectNode data = ((ObjectNode) secret.path("stringData")).removeAll();
    login.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(setting -> data.put(setting.getKey(), setting.getValue()));
    return yaml(List.of(secret));
  }

  /** The template's Secret with the agent's Kafka login, {@value #KAFKA_SECRET}. */
  private static ObjectNode kafkaSecret(List<ObjectNode> documents) {
    return documents.stream()
        .filter(document -> "Secret".equals(document.path("kind").asString()))
        .filter(document -> KAFKA_SECRET.equals(document.path("metadata").path("name").asString()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(TEMPLATE + " has no Secret " + KAFKA_SECRET));
  }

  /** Kafka client properties of the agent: they go into the login Secret. */
  private static boolean isKafkaLogin(String setting) {
    return setting.startsWith("KAFLEET_KAFKA_");
  }

  private static String yaml(List<ObjectNode> documents) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode document : documents) {
      String yaml = YAML.writeValueAsString(document);
      out.append(yaml.startsWith("---") ? "" : "---\n").append(yaml);
    }
    return out.toString();
  }

  /** The template's object of the kind named {@value #AGENT_NAME}. */
  static ObjectNode object(List<ObjectNode> documents, String kind) {
    return documents.stream()
        .filter(document -> kind.equals(document.path("kind").asString()))
        .filter(document -> AGENT_NAME.equals(document.path("metadata").path("name").asString()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException(TEMPLATE + " has no " + kind + " " + AGENT_NAME));
  }

  private static ObjectNode agentContainer(List<ObjectNode> documents) {
    for (JsonNode container :
        object(documents, "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")) {
      if (CONTAINER.equals(container.path("name").asString())) {
        return (ObjectNode) container;
      }
    }
    throw new IllegalStateException(TEMPLATE + " has no container " + CONTAINER);
  }
}
