package io.kafleet.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** The standard Confluent subject name strategies. */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
  TOPIC {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + (isKey ? "-key" : "-value");
    }
  },
  /** The record's full name: one lineage per record type, across topics. */
  RECORD {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return schema.getFullName();
    }
  };

  public abstract String subject(String topic, boolean isKey, Schema schema);

  /**
   * Accepts Confluent's class names ({@code
   * io.confluent.kafka.serializers.subject.TopicNameStrategy}), their simple names, or {@code
   * topic} / {@code record}, so existing client configuration works unchanged.
   */
  public static SubjectNameStrategy parse(String name) {
    String simple = name.substring(name.lastIndexOf('.') + 1).strip().toLowerCase(Locale.ROOT);
    return switch (simple) {
      case "topicnamestrategy", "topic" -> TOPIC;
      case "recordnamestrategy", "record" -> RECORD;
      default ->
          throw new IllegalArgumentException(
              "unsupported subject name strategy '"
                  + name
                  + "': use TopicNameStrategy or RecordNameStrategy");
    };
  }
}
