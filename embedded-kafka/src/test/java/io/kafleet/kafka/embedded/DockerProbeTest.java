package io.kafleet.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against stand-ins for a Docker engine's socket: one that answers, ones that do not. */
class DockerProbeTest {

  @TempDir Path home;

  @Test
  void aSocketFileThatIsNotThereIsNoEngine() {
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + home.resolve("docker.sock"));
    assertThat(DockerProbe.endpoints(env, null)).isEmpty();
    assertThat(DockerProbe.available(env, null)).isFalse();
    Map<String, String> unset = Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString());
    assertThat(DockerProbe.endpoints(unset, home.toString()))
        .noneMatch(endpoint -> endpoint.toString().contains(home.toString()));
  }

  @Test
  void aSocketThatAnswersThePingIsAnEngine() throws Exception {
    Path socket = home.resolve("docker.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread engine =
          new Thread(
              () -> {
                try (SocketChannel client = server.accept()) {
                  client.read(ByteBuffer.allocate(256));
                  client.write(
                      ByteBuffer.wrap(
                          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"
                              .getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                  // the probe gave up
                }
              });
      engine.start();
      assertThat(DockerProbe.available(Map.of("DOCKER_HOST", "unix://" + socket), null)).isTrue();
      engine.join();
    }
  }

  @Test
  void aSocketFileNobodyListensOnIsNoEngine() throws Exception {
    Path socket = home.resolve("docker.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    // closing the server leaves the file behind, as a dead daemon does
    assertThat(Files.exists(socket)).isTrue();
    assertThat(DockerProbe.available(Map.of("DOCKER_HOST", "unix://" + socket), null)).isFalse();
  }

  @Test
  void aTcpDockerHostCountsWhenItAcceptsConnections() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
      assertThat(DockerProbe.available(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port), null))
          .isTrue();
    }
    assertThat(DockerProbe.available(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port), null))
        .isFalse();
    assertThat(DockerProbe.endpoints(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port), null))
        .containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", port));
  }

  @Test
  void theDefaultSocketsAreLookedForWhenDockerHostIsUnset() throws Exception {
    Path desktop = Files.createDirectories(home.resolve(".docker/run")).resolve("docker.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(desktop));
      assertThat(DockerProbe.endpoints(Map.of(), home.toString()))
          .contains(UnixDomainSocketAddress.of(desktop));
    }
  }
}
