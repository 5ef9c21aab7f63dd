package io.kafleet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** One run's figures as JSON and as a Markdown table, named by the run's start time. */
public record Report(Map<String, Object> json, String markdown, Path markdownFile, Path jsonFile) {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  static Report write(
      BenchSettings settings,
      Instant startedAt,
      double durationSeconds,
      Map<String, Object> results,
      Map<String, Object> phases)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", settings.name());
    run.put("startedAt", startedAt.toString());
    run.put("durationSeconds", durationSeconds);
    run.put("backend", settings.backend().name().toLowerCase());
    json.put("run", run);
    json.put("machine", machine());
    json.put("versions", versions());
    json.put("parameters", parameters(settings));
    json.putAll(results);
    json.put("phases", phases);
    String markdown = Markdown.of(json);
    Files.createDirectories(settings.resultsDirectory());
    String base = "bench-" + settings.name() + "-" + STAMP.format(startedAt);
    Path jsonFile = settings.resultsDirectory().resolve(base + ".json");
    Path markdownFile = settings.resultsDirectory().resolve(base + ".md");
    JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build()
        .writeValue(jsonFile.toFile(), json);
    Files.writeString(markdownFile, markdown);
    return new Report(json, markdown, markdownFile, jsonFile);
  }

  /** The figures, as printed at the end of a run. */
  String summary() {
    return Markdown.summary(json);
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memoryMiB", memTotalMiB());
    machine.put("os", osName());
    machine.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    machine.put(
        "note", "a shared 2-core machine: other builds ran concurrently, so the figures are noisy");
    return machine;
  }

  private static Map<String, Object> versions() {
    Map<String, Object> versions = new LinkedHashMap<>();
    Properties built = new Properties();
    try (InputStream in = Report.class.getResourceAsStream("bench-versions.properties")) {
      if (in != null) {
        built.load(in);
      }
    } catch (IOException e) {
      // reported as unknown
    }
    versions.put("kafleet", built.getProperty("kafleet", "unknown"));
    versions.put("kafkaClients", AppInfoParser.getVersion());
    versions.put("kafkaBroker", built.getProperty("kafka", "unknown"));
    versions.put("springBoot", built.getProperty("springBoot", "unknown"));
    versions.put("fabric8", built.getProperty("fabric8", "unknown"));
    versions.put("kubernetes", built.getProperty("kubernetes", "unknown"));
    return versions;
  }

  private static Map<String, Object> parameters(BenchSettings settings) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("clusters", settings.clusters());
    parameters.put("fleetWorks", settings.fleetWorks());
    parameters.put("smallFleetWorks", settings.smallFleetWorks());
    List<String> fanOut = new ArrayList<>();
    settings.fanOut().forEach(shape -> fanOut.add(shape[0] + "x" + shape[1]));
    parameters.put("fanOut", fanOut);
    parameters.put("distributionObjects", settings.distributionObjects());
    parameters.put("distributionClusters", settings.distributionClusters());
    parameters.put("shiftClusters", settings.shiftClusters());
    parameters.put("shiftRepeats", settings.shiftRepeats());
    parameters.put("kubeClusters", settings.kubeClusters());
    parameters.put("kubeFanOutObjects", settings.kubeFanOutObjects());
    parameters.put("floorSamples", settings.floorSamples());
    parameters.put("cliRuns", settings.cliRuns());
    parameters.put("footprintObjects", settings.footprintObjects());
    return parameters;
  }

  private static long memTotalMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return -1;
  }

  private static String osName() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring(12).replace("\"", "")
              + " ("
              + System.getProperty("os.version")
              + ")";
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }
}
