package io.kafleet.cli;

import io.kafleet.schemas.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code kafleet cluster join} fills into the agent's install manifest, checked as it is
 * built: every problem is a {@link CliException} naming the option and the value.
 *
 * @param labels the cluster's labels, in the order given
 * @param image the agent's image, or empty for the template's
 * @param secretSettings further variables for the agent's Secret (Kafka client properties as {@code
 *     KAFLEET_KAFKA_*}, such as credentials)
 */
record AgentInstall(
    String cluster,
    Map<String, String> labels,
    String bootstrapServers,
    String schemaRegistryUrl,
    Optional<String> image,
    Map<String, String> secretSettings) {

  // Kubernetes' label syntax: a name segment, optionally prefixed by a DNS subdomain and '/'.
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern HOST_PORT =
      Pattern.compile(
          "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):([0-9]{1,5})");
  private static final Pattern SETTING_NAME = Pattern.compile("KAFLEET_[A-Z0-9_]+");

  AgentInstall {
    if (!Topics.isValidClusterName(cluster)) {
      throw new CliException(
          "cluster name '"
              + cluster
              + "' is not a DNS label (lower-case letters, digits and '-', starting and ending"
              + " with a letter or digit, at most 63)");
    }
    labels.forEach(AgentInstall::checkLabel);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    checkBootstrapServers(bootstrapServers);
    checkRegistryUrl(schemaRegistryUrl);
    image.ifPresent(AgentInstall::checkImage);
    secretSettings.keySet().forEach(AgentInstall::checkSettingName);
    secretSettings = Map.copyOf(secretSettings);
  }

  /** Parses {@code --labels k=v,k2=v2}; blank means none. */
  static Map<String, String> parseLabels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return labels;
    }
    for (String entry : text.split(",", -1)) {
      String[] keyValue = entry.split("=", 2);
      if (keyValue.length != 2 || keyValue[0].isEmpty()) {
        throw new CliException("--labels: '" + entry + "' is not key=value");
      }
      if (labels.put(keyValue[0], keyValue[1]) != null) {
        throw new CliException("--labels: label '" + keyValue[0] + "' is given twice");
      }
    }
    return labels;
  }

  /** The labels as the agent reads them from {@code KAFLEET_CLUSTER_LABELS}. */
  String labelsSetting() {
    return String.join(
        ",",
        labels.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
  }

  private static void checkLabel(String key, String value) {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        throw new CliException(
            "--labels: the prefix of label key '" + key + "' is not a DNS subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      throw new CliException(
          "--labels: label key '"
              + key
              + "' is not a label name (letters, digits, '-', '_', '.', starting and ending with a"
              + " letter or digit, at most 63)");
    }
    if (value.length() > 63 || !LABEL_NAME.matcher(value).matches()) {
      throw new CliException(
          "--labels: value '"
              + value
              + "' of label '"
              + key
              + "' is not a label value (empty, or letters, digits, '-', '_', '.', starting and"
              + " ending with a letter or digit, at most 63)");
    }
  }

  private static void checkBootstrapServers(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new CliException(
          "--bootstrap-servers is required (or set KAFLEET_BOOTSTRAP_SERVERS): the Kafka brokers"
              + " the agent reaches from inside the cluster, host:port,...");
    }
    for (String server : servers.split(",", -1)) {
      var matcher = HOST_PORT.matcher(server);
      if (!matcher.matches() || !isPort(matcher.group(3))) {
        throw new CliException(
            "--bootstrap-servers: '" + server + "' is not host:port (port 1-65535)");
      }
    }
  }

  private static boolean isPort(String digits) {
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65535;
  }

  private static void checkRegistryUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new CliException(
          "--schema-registry is required (or set KAFLEET_SCHEMA_REGISTRY_URL): the schema"
              + " registry's URL as the agent reaches it from inside the cluster");
    }
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new CliException("--schema-registry: '" + url + "' is not an http(s) URL");
  }

  private static void checkImage(String image) {
    if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      throw new CliException("--image: '" + image + "' is not an image reference");
    }
  }

  private static void checkSettingName(String name) {
    if (!SETTING_NAME.matcher(name).matches()) {
      throw new CliException("agent setting '" + name + "' is not a KAFLEET_* variable name");
    }
  }
}
