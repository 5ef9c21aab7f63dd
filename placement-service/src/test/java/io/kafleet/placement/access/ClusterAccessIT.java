package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafleet.kafka.embedded.AuthenticatedKafkaBrokerExtension;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two clusters join an authenticated broker; the agent principal of member1 is held to its own
 * topics and groups, each denial asserted by the error Kafka returns. The revoke and the rotate
 * come last, as they end the credentials the other tests use.
 */
@ExtendWith(AuthenticatedKafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAccessIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private EmbeddedKafkaBroker broker;
  private Topics topics;
  private ClusterAccess access;
  private AgentCredentials member1;
  private AgentCredentials member2;

  @BeforeAll
  void joinTwoClusters(EmbeddedKafkaBroker broker, TestTopics testTopics) {
    this.broker = broker;
    this.topics = new Topics(testTopics.prefix());
    this.access = new ClusterAccess(broker.adminClientProperties(), topics, Optional.empty());
    this.member1 = access.join("member1");
    this.member2 = access.join("member2");
  }

  @Test
  @Order(1)
  void member1ReadsItsWorksInItsOwnGroup() throws Exception {
    String es = topics.executionSpace("member1");
    try (var producer =
        new KafkaProducer<String, String>(producerConfig(broker.adminClientProperties()))) {
      producer.send(new ProducerRecord<>(es, "apps/Deployment/default/web", "work")).get();
    }
    try (var consumer = consumer(member1, "kafleet-agent-member1")) {
      consumer.subscribe(List.of(es));
      List<String> values = new ArrayList<>();
      await("a record on " + es)
          .atMost(WAIT)
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
      assertThat(values).as("records member1 read from %s", es).containsExactly("work");
      consumer.commitSync();
    }
  }

  @Test
  @Order(1)
  void member1WritesItsStatusWithAnIdempotentProducer() throws Exception {
    try (var producer = new KafkaProducer<String, String>(producerConfig(clientConfig(member1)))) {
      var written =
          producer
              .send(new ProducerRecord<>(topics.status("member1"), "member1", "heartbeat"))
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(written.topic()).isEqualTo(topics.status("member1"));
    }
  }

  @Test
  @Order(1)
  void member1MayNotReadTheWorksOfMember2() {
    try (var consumer = consumer(member1, "kafleet-agent-member1")) {
      consumer.subscribe(List.of(topics.executionSpace("member2")));
      assertThat(pollUntilFailure(consumer))
          .isInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining(topics.executionSpace("member2"));
    }
  }

  @Test
  @Order(1)
  void member1MayNotWriteTheStatusOfMember2() {
    try (var producer = new KafkaProducer<String, String>(producerConfig(clientConfig(member1)))) {
      assertThat(
              kafkaError(
                  () ->
                      producer
                          .send(new ProducerRecord<>(topics.status("member2"), "member2", "forged"))
                          .get(WAIT.toSeconds(), TimeUnit.SECONDS)))
          .isInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining(topics.status("member2"));
    }
  }

  @Test
  @Order(1)
  void member1MayNotJoinTheConsumerGroupOfMember2() {
    try (var consumer = consumer(member1, "kafleet-agent-member2")) {
      consumer.subscribe(List.of(topics.executionSpace("member1")));
      assertThat(pollUntilFailure(consumer))
          .isInstanceOf(GroupAuthorizationException.class)
          .hasMessageContaining("kafleet-agent-member2");
    }
  }

  @Test
  @Order(1)
  void member1MayNotCreateTopics() throws Exception {
    try (Admin admin = Admin.create(clientConfig(member1))) {
      String topic = topics.executionSpace("member3");
      assertThat(
              kafkaError(
                  () ->
                      admin
                          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                          .all()
                          .get(WAIT.toSeconds(), TimeUnit.SECONDS)))
          .isInstanceOf(TopicAuthorizationException.class);
      assertThat(adminTopicNames()).doesNotContain(topic);
    }
  }

  @Test
  @Order(1)
  void member1MayNotGrantItselfAcls() throws Exception {
    AclBinding grab =
        new AclBinding(
            new ResourcePattern(
                ResourceType.TOPIC, topics.executionSpace("member2"), PatternType.LITERAL),
            new AccessControlEntry(
                "User:" + member1.user(), "*", AclOperation.READ, AclPermissionType.ALLOW));
    try (Admin admin = Admin.create(clientConfig(member1))) {
      assertThat(
              kafkaError(
                  () ->
                      admin
                          .createAcls(List.of(grab))
                          .all()
                          .get(WAIT.toSeconds(), TimeUnit.SECONDS)))
          .isInstanceOf(ClusterAuthorizationException.class);
    }
    assertThat(aclsOf(member1)).doesNotContain(grab);
  }

  @Test
  @Order(2)
  void aClusterNameThatIsNotADnsLabelCreatesNothing() throws Exception {
    Set<String> topicsBefore = adminTopicNames();
    List<String> usersBefore = scramUsers();

    assertThatThrownBy(() -> access.join("Member_3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster name 'Member_3' is not a DNS label");

    assertThat(adminTopicNames()).isEqualTo(topicsBefore);
    assertThat(scramUsers()).isEqualTo(usersBefore);
  }

  @Test
  @Order(2)
  void joiningMember2AgainIsRefusedAndKeepsItsPassword() throws Exception {
    assertThatThrownBy(() -> access.join("member2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cluster member2 has joined already");

    assertThat(describeOwnTopic(member2)).isEqualTo(topics.executionSpace("member2"));
  }

  @Test
  @Order(2)
  void revokingOrRotatingAClusterThatNeverJoinedIsRefused() throws Exception {
    List<String> usersBefore = scramUsers();

    assertThatThrownBy(() -> access.revoke("member9"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cluster member9 has not joined");
    assertThatThrownBy(() -> access.rotate("member9"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cluster member9 has not joined");

    assertThat(scramUsers()).isEqualTo(usersBefore);
  }

  @Test
  @Order(3)
  void afterARevokeTheOldCredentialsFailAuthenticationAndNoAclIsLeft() throws Exception {
    access.revoke("member1");

    assertThat(authenticationError(member1)).isInstanceOf(SaslAuthenticationException.class);
    assertThat(aclsOf(member1)).as("ACLs of %s after the revoke", member1.user()).isEmpty();
  }

  @Test
  @Order(3)
  void afterARotateTheNewPasswordWorksAndTheOldFails() throws Exception {
    AgentCredentials rotated = access.rotate("member2");

    assertThat(rotated.password()).isNotEqualTo(member2.password());
    assertThat(describeOwnTopic(rotated)).isEqualTo(topics.executionSpace("member2"));
    assertThat(authenticationError(member2)).isInstanceOf(SaslAuthenticationException.class);
  }

  private Map<String, Object> clientConfig(AgentCredentials credentials) {
    return broker.clientConfig(credentials.user(), credentials.password());
  }

  private KafkaConsumer<String, String> consumer(AgentCredentials credentials, String group) {
    Map<String, Object> config = clientConfig(credentials);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(config);
  }

  /** As the agent's status producer: acks=all, and so idempotent. */
  private static Map<String, Object> producerConfig(Map<String, Object> client) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, WAIT.toMillis());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return config;
  }

  private static Throwable pollUntilFailure(KafkaConsumer<String, String> consumer) {
    AtomicReference<Throwable> refusal = new AtomicReference<>();
    await("Kafka refusing the consumer")
        .atMost(WAIT)
        .pollDelay(Duration.ZERO)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              try {
                consumer.poll(Duration.ofMillis(200));
                return false;
              } catch (RuntimeException e) {
                refusal.set(e);
                return true;
              }
            });
    return refusal.get();
  }

  /** The error Kafka returned, whether thrown directly or through a future. */
  private static Throwable kafkaError(ThrowingCallable call) {
    try {
      call.call();
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Throwable e) {
      return e;
    }
    throw new AssertionError("expected Kafka to refuse the call; it succeeded");
  }

  private Throwable authenticationError(AgentCredentials credentials) {
    try (Admin admin = Admin.create(clientConfig(credentials))) {
      return kafkaError(
          () -> admin.describeCluster().clusterId().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  /** Describes the cluster's own execution space, which only an authenticated agent may. */
  private String describeOwnTopic(AgentCredentials credentials) throws Exception {
    String topic = topics.executionSpace(credentials.cluster());
    try (Admin admin = Admin.create(clientConfig(credentials))) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS)
          .get(topic)
          .name();
    }
  }

  private Set<String> adminTopicNames() throws Exception {
    try (Admin admin = broker.admin()) {
      return admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private List<String> scramUsers() throws Exception {
    try (Admin admin = broker.admin()) {
      return admin
          .describeUserScramCredentials()
          .users()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS)
          .stream()
          .sorted()
          .toList();
    }
  }

  private List<AclBinding> aclsOf(AgentCredentials credentials) throws Exception {
    try (Admin admin = broker.admin()) {
      return List.copyOf(
          admin
              .describeAcls(
                  new AclBindingFilter(
                      ResourcePatternFilter.ANY,
                      new AccessControlEntryFilter(
                          "User:" + credentials.user(),
                          null,
                          AclOperation.ANY,
                          AclPermissionType.ANY)))
              .values()
              .get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }
}
