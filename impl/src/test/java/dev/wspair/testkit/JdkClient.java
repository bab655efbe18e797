package dev.wspair.testkit;

import dev.wspair.engine.Timeouts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client, with what it received in a queue. */
public final class JdkClient implements WebSocket.Listener {

    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    public final WebSocket socket;
    /**
     * Held: the JDK's client stops reading every connection of an HttpClient that is no longer
     * referenced (its selector thread ends once the client is collected), and a WebSocket does
     * not always keep it.
     */
    private final HttpClient http;
    private final StringBuilder partial = new StringBuilder();

    public JdkClient(URI uri) throws Exception {
        this(uri, Timeouts.EVENT);
    }

    /** Connects, waiting for the handshake at most {@code timeout}. */
    public JdkClient(URI uri, java.time.Duration timeout) throws Exception {
        this(uri, timeout, java.util.Map.of());
    }

    /** Connects with these handshake headers (a browser's {@code Origin}), waiting at most {@code timeout}. */
    public JdkClient(URI uri, java.time.Duration timeout, java.util.Map<String, String> headers) throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, this).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
        closed.complete(code + " " + reason);
        return null;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes and returns "code reason" of the Close the server answered with. */
    public String close(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        return closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    public String next() throws InterruptedException {
        String text = texts.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new AssertionError("no message arrived");
        }
        return text;
    }
}
