package io.kafleet.kafka.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a Docker engine answers, asked directly and within a second: Testcontainers' own check
 * tries every strategy it knows, and logs each failure at ERROR, on machines that have none. The
 * endpoints are Testcontainers' usual ones: {@code DOCKER_HOST}, else the system socket, the
 * rootless one, and Docker Desktop's.
 */
final class DockerProbe {

  private static final long TIMEOUT_MS = 1_000;

  private DockerProbe() {}

  static boolean available(Map<String, String> env, String userHome) {
    for (SocketAddress endpoint : endpoints(env, userHome)) {
      if (answers(endpoint)) {
        return true;
      }
    }
    return false;
  }

  /** Where a Docker engine would listen; a socket file that does not exist is left out. */
  static List<SocketAddress> endpoints(Map<String, String> env, String userHome) {
    List<SocketAddress> endpoints = new ArrayList<>();
    String dockerHost = env.get("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      URI uri = URI.create(dockerHost.strip());
      if ("unix".equals(uri.getScheme())) {
        addSocket(endpoints, Path.of(uri.getPath()));
      } else if ("tcp".equals(uri.getScheme()) && uri.getHost() != null) {
        endpoints.add(
            InetSocketAddress.createUnresolved(
                uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
      }
      return endpoints;
    }
    addSocket(endpoints, Path.of("/var/run/docker.sock"));
    String runtimeDir = env.get("XDG_RUNTIME_DIR");
    if (runtimeDir != null && !runtimeDir.isBlank()) {
      addSocket(endpoints, Path.of(runtimeDir, "docker.sock"));
    }
    if (userHome != null) {
      addSocket(endpoints, Path.of(userHome, ".docker", "run", "docker.sock"));
      addSocket(endpoints, Path.of(userHome, ".docker", "desktop", "docker.sock"));
    }
    return endpoints;
  }

  private static void addSocket(List<SocketAddress> endpoints, Path socket) {
    if (Files.exists(socket)) {
      endpoints.add(UnixDomainSocketAddress.of(socket));
    }
  }

  /**
   * A Unix socket must answer {@code GET /_ping} with 200; a TCP endpoint must accept a connection
   * (it may speak TLS, which this probe does not).
   */
  private static boolean answers(SocketAddress endpoint) {
    boolean unix = endpoint instanceof UnixDomainSocketAddress;
    try (SocketChannel channel =
            unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      SocketAddress target =
          endpoint instanceof InetSocketAddress inet && inet.isUnresolved()
              ? new InetSocketAddress(inet.getHostString(), inet.getPort())
              : endpoint;
      if (!channel.connect(target)) {
        channel.register(selector, SelectionKey.OP_CONNECT);
        if (selector.select(TIMEOUT_MS) == 0 || !channel.finishConnect()) {
          return false;
        }
        selector.selectedKeys().clear();
      }
      if (!unix) {
        return true;
      }
      channel.write(
          ByteBuffer.wrap(
              "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer answer = ByteBuffer.allocate(64);
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (answer.position() < 12) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || selector.select(left) == 0) {
          return false;
        }
        selector.selectedKeys().clear();
        if (channel.read(answer) < 0) {
          break;
        }
      }
      String status = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
      return status.startsWith("HTTP/1.") && status.length() >= 12 && status.startsWith("200", 9);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
