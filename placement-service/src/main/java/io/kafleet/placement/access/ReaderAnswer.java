package io.kafleet.placement.access;

import java.util.List;

/**
 * What creating a reader answers: the only place its password is ever shown, and what a Kafka
 * client needs besides it.
 *
 * @param groupPrefix what the names of the reader's consumer groups must start with
 * @param topics the event topics it may read
 * @param bootstrapServers Kafka as placement-service reaches it (a client elsewhere may need
 *     another address of the same brokers)
 * @param schemaRegistryUrl the schema registry as placement-service reaches it
 */
public record ReaderAnswer(
    String reader,
    AccessAnswers.KafkaLogin kafka,
    String groupPrefix,
    List<String> topics,
    String bootstrapServers,
    String schemaRegistryUrl) {

  public ReaderAnswer {
    topics = List.copyOf(topics);
  }

  /** The answer of a revoke. */
  public record Revoked(String reader, String user) {}
}
