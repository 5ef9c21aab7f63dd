package io.kafleet.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The serde's settings, under Confluent's property names so that existing client configuration
 * works unchanged.
 */
public record SerdeConfig(
    String registryUrl,
    String basicAuthUserInfo,
    boolean autoRegisterSchemas,
    SubjectNameStrategy keySubjectNameStrategy,
    SubjectNameStrategy valueSubjectNameStrategy,
    Duration requestTimeout) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  public SerdeConfig {
    Objects.requireNonNull(registryUrl, SCHEMA_REGISTRY_URL + " is not set");
  }

  public static SerdeConfig from(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(
          SCHEMA_REGISTRY_URL + " is not set: the Avro serde needs the schema registry's URL");
    }
    String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
    if (!source.equals("USER_INFO")) {
      throw new IllegalArgumentException(
          BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source + " is not supported: use USER_INFO");
    }
    return new SerdeConfig(
        url.toString(),
        string(configs, BASIC_AUTH_USER_INFO, null),
        Boolean.parseBoolean(string(configs, AUTO_REGISTER_SCHEMAS, "true")),
        SubjectNameStrategy.parse(string(configs, KEY_SUBJECT_NAME_STRATEGY, "TopicNameStrategy")),
        SubjectNameStrategy.parse(
            string(configs, VALUE_SUBJECT_NAME_STRATEGY, "TopicNameStrategy")),
        Duration.ofMillis(Long.parseLong(string(configs, REQUEST_TIMEOUT_MS, "10000"))));
  }

  public SchemaRegistryClient newClient() {
    return new SchemaRegistryClient(registryUrl, basicAuthUserInfo, requestTimeout);
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
  }

  private static String string(Map<String, ?> configs, String key, String fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : value.toString().strip();
  }
}
