package io.kafleet.cli;

import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The values of the agent's Helm chart ({@code deploy/helm/kafleet-agent}) for one cluster: what
 * {@code kafleet cluster join NAME --output helm-values} prints instead of the manifest. The same
 * settings as {@link AgentManifest#render}, set in a tree and printed by a YAML writer.
 */
final class AgentHelmValues {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String SEALING_KEY = "KAFLEET_SEALING_PRIVATE_KEY";
  private static final String KAFKA_PREFIX = "KAFLEET_KAFKA_";

  private AgentHelmValues() {}

  static String render(AgentInstall install) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    ObjectNode cluster = values.putObject("cluster");
    cluster.put("name", install.cluster());
    ObjectNode labels = cluster.putObject("labels");
    install.labels().forEach(labels::put);
    values.putObject("kafka").put("bootstrapServers", install.bootstrapServers());
    values.putObject("schemaRegistry").put("url", install.schemaRegistryUrl());
    ObjectNode login = values.putObject("login").putObject("settings");
    ObjectNode sealing = values.putObject("sealingKey");
    var extraEnv = values.putArray("extraEnv");
    install.secretSettings().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            setting -> {
              if (setting.getKey().equals(SEALING_KEY)) {
                sealing.put("privateKey", setting.getValue());
              } else if (setting.getKey().startsWith(KAFKA_PREFIX)) {
                login.put(setting.getKey(), setting.getValue());
              } else {
                extraEnv.addObject().put("name", setting.getKey()).put("value", setting.getValue());
              }
            });
    if (extraEnv.isEmpty()) {
      values.remove("extraEnv");
    }
    install.image().ifPresent(image -> image(values.putObject("image"), image));
    return "# Values of the kafleet-agent Helm chart for cluster "
        + install.cluster()
        + ", made by kafleet cluster join.\n"
        + "# They hold the cluster's Kafka password and sealing private key: keep them secret.\n"
        + "#   helm install kafleet-agent deploy/helm/kafleet-agent --namespace kafleet-system"
        + " --create-namespace -f THIS-FILE\n"
        + YAML.writeValueAsString(values);
  }

  /** repository:tag when the reference ends in a tag; a digest reference as the repository. */
  private static void image(ObjectNode image, String reference) {
    int colon = reference.lastIndexOf(':');
    if (reference.contains("@") || colon < reference.lastIndexOf('/') + 1) {
      image.put("repository", reference).put("tag", "");
    } else {
      image
          .put("repository", reference.substring(0, colon))
          .put("tag", reference.substring(colon + 1));
    }
  }
}
