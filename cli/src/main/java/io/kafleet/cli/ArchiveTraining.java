package io.kafleet.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run the {@code kafleet} launcher records the JVM's class-data-sharing archive from ({@code
 * -XX:ArchiveClassesAtExit}): the common commands, each once, so that the archive holds the classes
 * they load and later runs map them instead of loading, verifying and linking them again. The
 * commands talk to a loopback server answering as placement-service would, and print nowhere.
 * Classes it does not reach still load from the jars; it only makes commands start sooner.
 */
final class ArchiveTraining {

  private static final String CLUSTERS =
      "[{\"name\":\"member1\",\"accepted\":true,\"ready\":true,\"lastHeartbeat\":{"
          + "\"kubernetesVersion\":\"v1.36.3\",\"labels\":{\"region\":\"a\"},"
          + "\"lastHeartbeat\":\"2026-01-01T00:00:00Z\"}}]";
  private static final String DEPLOYMENTS =
      "[{\"objectKey\":\"apps/Deployment/default/reviews-v1\",\"apiVersion\":\"apps/v1\","
          + "\"generation\":1,\"status\":{\"objectKey\":\"apps/Deployment/default/reviews-v1\","
          + "\"generation\":1,\"health\":\"Healthy\",\"clusters\":[{\"cluster\":\"member1\","
          + "\"phase\":\"Applied\",\"health\":\"Healthy\",\"appliedGeneration\":1,"
          + "\"current\":true,\"message\":null,\"liveSummary\":{}}]}}]";

  private ArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Map<String, String> answers =
        Map.of("/api/v1/clusters", CLUSTERS, "/api/v1/objects", DEPLOYMENTS);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              answers
                  .getOrDefault(exchange.getRequestURI().getPath(), "[]")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    Path config = Files.createTempFile("kafleet-training", ".yaml");
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      String url = "--server=" + base;
      run("version");
      run("--help");
      run("get", "clusters", url);
      for (String format : new String[] {"table", "wide", "json", "yaml", "name"}) {
        run("get", "deployments", "-o", format, url);
      }
      run("get", "deployment", "reviews-v1", "-o", "json", url);
      Files.writeString(
          config, "current-context: dev\ncontexts:\n  - name: dev\n    server: " + base + "\n");
      CliConfig.load(Map.of("KAFLEET_CONFIG", config.toString()), null);
    } finally {
      server.stop(0);
      Files.deleteIfExists(config);
    }
  }

  private static void run(String... args) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    KafleetCommand.commandLine(args).setOut(nowhere).setErr(nowhere).execute(args);
  }
}
