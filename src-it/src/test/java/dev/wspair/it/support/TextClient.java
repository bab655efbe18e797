package dev.wspair.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client, with what it received queued for the test. */
public final class TextClient implements WebSocket.Listener {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    public final WebSocket socket;

    public TextClient(URI uri) throws Exception {
        socket = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder()
                .buildAsync(uri, this).get(WAIT.toSeconds(), TimeUnit.SECONDS);
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

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public String next() throws InterruptedException {
        String text = texts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no message arrived within " + WAIT);
        }
        return text;
    }

    /** Closes and returns "code reason" of the Close the server answered with. */
    public String close(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
