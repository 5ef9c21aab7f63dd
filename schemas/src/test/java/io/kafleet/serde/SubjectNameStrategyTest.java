package io.kafleet.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.Work;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

  @Test
  void topicNameStrategyIsPerTopicAndSide() {
    assertThat(
            SubjectNameStrategy.TOPIC.subject("kafleet.es.member1", false, Work.getClassSchema()))
        .isEqualTo("kafleet.es.member1-value");
    assertThat(SubjectNameStrategy.TOPIC.subject("kafleet.es.member1", true, Work.getClassSchema()))
        .isEqualTo("kafleet.es.member1-key");
  }

  @Test
  void recordNameStrategyIsTheRecordsFullName() {
    assertThat(SubjectNameStrategy.RECORD.subject("any", false, Work.getClassSchema()))
        .isEqualTo("io.kafleet.events.Work");
  }

  @Test
  void acceptsConfluentClassNamesSoExistingConfigWorks() {
    assertThat(
            SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.RecordNameStrategy"))
        .isEqualTo(SubjectNameStrategy.RECORD);
    assertThat(SubjectNameStrategy.parse("TopicNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC);
    assertThatThrownBy(() -> SubjectNameStrategy.parse("TopicRecordNameStrategy"))
        .hasMessageContaining("TopicRecordNameStrategy")
        .hasMessageContaining("TopicNameStrategy or RecordNameStrategy");
  }
}
