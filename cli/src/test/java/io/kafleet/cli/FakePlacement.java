package io.kafleet.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * placement-service's API as canned answers, for the CLI's unit tests: each {@code METHOD path}
 * (with its query) answers a fixed status and body, and every request is recorded.
 */
final class FakePlacement implements AutoCloseable {

  record Request(String method, String path, String body, String authorization) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakePlacement() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().toString();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  path,
                  body,
                  exchange.getRequestHeaders().getFirst("Authorization")));
          Answer answer = next(exchange.getRequestMethod() + " " + path);
          if (answer == null) {
            answer = new Answer(404, "{\"reason\":\"no canned answer for " + path + "\"}");
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  FakePlacement answer(String methodAndPath, int status, String body) {
    return answerInTurn(methodAndPath, status, body);
  }

  /** One body per request, in turn; the last one answers every request after it. */
  FakePlacement answerInTurn(String methodAndPath, int status, String... bodies) {
    Deque<Answer> queue = new ArrayDeque<>();
    for (String body : bodies) {
      queue.add(new Answer(status, body));
    }
    answers.put(methodAndPath, queue);
    return this;
  }

  private Answer next(String methodAndPath) {
    Deque<Answer> queue = answers.get(methodAndPath);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.size() > 1 ? queue.poll() : queue.peek();
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
