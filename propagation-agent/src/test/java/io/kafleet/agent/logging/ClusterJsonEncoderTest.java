package io.kafleet.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ClusterJsonEncoderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectKey KEY = ObjectKey.parse("apps/Deployment/default/reviews-v3");

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("io.kafleet.agent.work.Reconciler");
  private final ClusterJsonEncoder encoder = new ClusterJsonEncoder("member-1");

  ClusterJsonEncoderTest() {
    encoder.setContext(context);
    encoder.start();
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void aLineWithoutMdcIsOneJsonObjectWithTheCluster() throws Exception {
    JsonNode line = encode("probes on port {}", null, 8080);
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("loggerName").asText()).isEqualTo("io.kafleet.agent.work.Reconciler");
    assertThat(line.get("formattedMessage").asText()).isEqualTo("probes on port 8080");
    assertThat(line.get("mdc").get("cluster").asText()).isEqualTo("member-1");
    assertThat(line.get("mdc").size()).isEqualTo(1);
  }

  @Test
  void linesAboutAnObjectCarryItsKeyAndGeneration() throws Exception {
    JsonNode line =
        ObjectLog.call(KEY, work(7), () -> encode("{} Failed: \"quoted\"\nand a new line", null));
    JsonNode mdc = line.get("mdc");
    assertThat(mdc.get("cluster").asText()).isEqualTo("member-1");
    assertThat(mdc.get("object").asText()).isEqualTo("apps/Deployment/default/reviews-v3");
    assertThat(mdc.get("generation").asText()).isEqualTo("7");
    assertThat(line.get("formattedMessage").asText()).endsWith("\"quoted\"\nand a new line");
  }

  @Test
  void theObjectsKeysDoNotLeakIntoTheNextLine() throws Exception {
    ObjectLog.run(KEY, work(3), () -> {});
    ObjectLog.run(KEY, null, () -> assertThat(MDC.get("generation")).isNull());
    JsonNode after = encode("next", null);
    assertThat(after.get("mdc").has("object")).isFalse();
    assertThat(after.get("mdc").has("generation")).isFalse();
  }

  @Test
  void anErrorWithItsStackIsStillOneLine() throws Exception {
    JsonNode line = encode("the work loop stopped", new IllegalStateException("boom\nsecond"));
    assertThat(line.get("throwable").get("message").asText()).isEqualTo("boom\nsecond");
    assertThat(line.get("throwable").get("stepArray").isArray()).isTrue();
  }

  private JsonNode encode(String message, Throwable error, Object... arguments) {
    LoggingEvent event =
        new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, error, arguments);
    String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    assertThat(text.strip()).doesNotContain("\n");
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static Work work(long generation) {
    Work work = new Work();
    work.setTemplateGeneration(generation);
    return work;
  }
}
