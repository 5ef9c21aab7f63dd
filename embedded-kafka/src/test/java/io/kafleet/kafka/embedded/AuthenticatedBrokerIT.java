package io.kafleet.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AuthenticatedKafkaBrokerExtension.class)
class AuthenticatedBrokerIT {

  /**
   * Commit markers travel over the inter-broker listener, from the broker to itself: a committed
   * transaction proves that path authenticates and is authorized.
   */
  @Test
  void theAdminCommitsATransactionThatAReadCommittedConsumerSees(
      EmbeddedKafkaBroker broker, TestTopics topics) {
    String topic = topics.name("transactional");
    broker.createTopic(topic, 1, Map.of());

    Map<String, Object> producerConfig = broker.adminClientProperties();
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.name("tx"));
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (var producer = new KafkaProducer<String, String>(producerConfig)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed"));
      producer.commitTransaction();
    }

    Map<String, Object> consumerConfig = broker.adminClientProperties();
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topics.name("reader"));
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
      consumer.subscribe(List.of(topic));
      await("values from " + topic)
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return !values.isEmpty();
              });
    }
    assertThat(values).as("values read committed from %s", topic).containsExactly("committed");
  }

  @Test
  void aWrongPasswordFailsAuthentication(EmbeddedKafkaBroker broker) {
    try (Admin admin =
        Admin.create(
            broker.clientConfig(
                AuthenticatedKafkaBrokerExtension.ADMIN_USER, "not-the-password"))) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aUserWithoutAclsMayNotSeeATopic(EmbeddedKafkaBroker broker, TestTopics topics)
      throws Exception {
    String topic = topics.name("private");
    broker.createTopic(topic, 1, Map.of());
    String user = topics.name("nobody").replace('.', '-');
    try (Admin admin = broker.admin()) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user,
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      "nobody-password")))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (Admin nobody = Admin.create(broker.clientConfig(user, "nobody-password"))) {
      assertThatThrownBy(
              () -> nobody.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }
}
