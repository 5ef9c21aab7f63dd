package io.kafleet.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How a client's keys and values are encoded, and the settings its serde reads (the schema
 * registry's URL). The classes are passed in rather than named here: the Avro serde lives in {@code
 * schemas}, which sits above this module.
 *
 * @param serializers key and value serializer classes, empty for clients that do not produce
 * @param deserializers key and value deserializer classes, empty for clients that do not consume
 * @param settings what the serde itself is configured with
 */
public record ClientSerde(
    Optional<Pair> serializers, Optional<Pair> deserializers, Map<String, Object> settings) {

  /** Confluent's name, which kafleet's Avro serde reads as well. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** A key class and a value class. */
  public record Pair(Class<?> key, Class<?> value) {}

  public ClientSerde {
    settings = Map.copyOf(settings);
  }

  /** For clients that encode nothing themselves, e.g. the admin client. */
  public static ClientSerde none() {
    return new ClientSerde(Optional.empty(), Optional.empty(), Map.of());
  }

  /** String keys and values. */
  public static ClientSerde strings() {
    return new ClientSerde(
        Optional.of(new Pair(StringSerializer.class, StringSerializer.class)),
        Optional.of(new Pair(StringDeserializer.class, StringDeserializer.class)),
        Map.of());
  }

  /** Raw bytes, decoded by the caller. */
  public static ClientSerde bytes() {
    return new ClientSerde(
        Optional.of(new Pair(ByteArraySerializer.class, ByteArraySerializer.class)),
        Optional.of(new Pair(ByteArrayDeserializer.class, ByteArrayDeserializer.class)),
        Map.of());
  }

  /**
   * String keys, values through a schema-registry serde (kafleet's Avro serde in the Confluent wire
   * format).
   */
  public static ClientSerde registry(
      String registryUrl, Class<?> valueSerializer, Class<?> valueDeserializer) {
    return new ClientSerde(
        Optional.of(new Pair(StringSerializer.class, valueSerializer)),
        Optional.of(new Pair(StringDeserializer.class, valueDeserializer)),
        Map.of(SCHEMA_REGISTRY_URL, registryUrl));
  }

  /** The serde's settings and serializer classes, to put over a producer's settings. */
  Map<String, Object> producer() {
    Map<String, Object> config = new LinkedHashMap<>(settings);
    serializers.ifPresent(
        pair -> {
          config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, pair.key());
          config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, pair.value());
        });
    return config;
  }

  /** The serde's settings and deserializer classes, to put over a consumer's settings. */
  Map<String, Object> consumer() {
    Map<String, Object> config = new LinkedHashMap<>(settings);
    deserializers.ifPresent(
        pair -> {
          config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, pair.key());
          config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, pair.value());
        });
    return config;
  }
}
