package io.kafleet.devstack;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One watch's web socket: the events told before the socket opened are kept and sent first, in
 * order; closing the socket ends the watch.
 */
final class WatchStream extends WebSocketListener implements Consumer<String> {

  private final List<String> pending = new ArrayList<>();
  private final Runnable onClose;
  private WebSocket socket;

  WatchStream(Runnable onClose) {
    this.onClose = onClose;
  }

  @Override
  public synchronized void accept(String event) {
    if (socket == null) {
      pending.add(event);
    } else {
      socket.send(event);
    }
  }

  @Override
  public synchronized void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    pending.forEach(socket::send);
    pending.clear();
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(code, reason);
    onClose.run();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    onClose.run();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    onClose.run();
  }
}
