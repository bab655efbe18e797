package dev.wspair.cluster;

import dev.wspair.ClientOptions;
import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocketPair;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The entry node's links to the owners of objects. A WebSocket upgrade opens one WebSocket with the
 * application's own client to the owner's link route, carrying the request ({@link LinkHeaders}),
 * and pipes it to a new pair whose client end goes back in the 101 ({@link LinkPipe}); a plain
 * request is sent once over HTTP and its answer returned. The pipes are kept by owner, so that a
 * member that leaves or dies takes its links with it.
 */
final class Links {

    private static final System.Logger LOG = System.getLogger(Links.class.getName());
    /** Answered by an owner's link route for an object it does not own (now): ask again. */
    static final int MISDIRECTED = 421;
    private static final Set<String> NOT_PASSED_BACK = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "date", "server");

    private final BiFunction<String, ClientOptions, CompletionStage<Response>> dial;
    private final Supplier<WebSocketPair> pairs;
    private final Consumer<Runnable> outsideObjects;
    private final Duration timeout;
    private final Map<String, Set<LinkPipe>> byMember = new ConcurrentHashMap<>();

    /**
     * @param dial the runtime's fetch-style upgrade for its own connections ({@code Connector.fetchOwn}: over
     *     the runtime's shared client transport where it has one)
     * @param pairs new pairs of the application
     * @param outsideObjects runs its argument outside any object's turns (an object that calls a stub
     *     must not get the link's sockets as its own)
     * @param timeout how long opening a link or a plain request may take
     */
    Links(BiFunction<String, ClientOptions, CompletionStage<Response>> dial, Supplier<WebSocketPair> pairs,
            Consumer<Runnable> outsideObjects, Duration timeout) {
        this.dial = dial;
        this.pairs = pairs;
        this.outsideObjects = outsideObjects;
        this.timeout = timeout;
    }

    /**
     * Sends {@code request} for the object {@code id} to {@code owner}.
     *
     * @return its answer; {@code null} when the owner cannot be reached or does not own the object
     *     (the caller asks again who does)
     */
    Response forward(Owner owner, Class<? extends DurableObject> type, DurableObjectId id, Request request, String token)
            throws InterruptedException {
        Map<String, String> headers = LinkHeaders.of(type, id, request, token);
        return request.isWebSocketUpgrade() ? upgrade(owner, headers, request) : plain(owner, headers);
    }

    private Response upgrade(Owner owner, Map<String, String> headers, Request request) throws InterruptedException {
        ClientOptions options = ClientOptions.DEFAULT.connectTimeout(timeout);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            options = options.header(header.getKey(), header.getValue());
        }
        String protocols = LinkHeaders.protocols(request);
        if (protocols != null) {
            options = options.header("Sec-WebSocket-Protocol", protocols);
        }
        URI uri = linkUri(owner, true);
        Response answer;
        try {
            answer = dial.apply(uri.toString(), options).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.DEBUG, "No link to " + uri + ": " + e);
            return null;
        }
        if (answer.webSocket() == null) {
            LOG.log(Level.DEBUG, "The link to " + uri + " was answered " + answer.status());
            return answer.status() == MISDIRECTED ? null : answer;
        }
        WebSocketPair pair = pairs.get();
        Set<LinkPipe> pipes = byMember.computeIfAbsent(owner.member(), member -> ConcurrentHashMap.newKeySet());
        outsideObjects.accept(() -> LinkPipe.couple(pair.server(), answer.webSocket(), pipes));
        Map<String, String> back = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                back.put("Sec-WebSocket-Protocol", value);
            }
        });
        return Response.webSocket(pair.client(), back);
    }

    private Response plain(Owner owner, Map<String, String> headers) {
        URI uri = linkUri(owner, false);
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) uri.toURL().openConnection();
            http.setConnectTimeout((int) timeout.toMillis());
            http.setReadTimeout((int) timeout.toMillis());
            http.setInstanceFollowRedirects(false);
            headers.forEach(http::setRequestProperty);
            int status = http.getResponseCode();
            if (status == MISDIRECTED) {
                return null;
            }
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> header : http.getHeaderFields().entrySet()) {
                if (header.getKey() != null && !NOT_PASSED_BACK.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    answerHeaders.put(header.getKey(), String.join(", ", header.getValue()));
                }
            }
            byte[] body;
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Response(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8), status, answerHeaders,
                    null);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "No answer from " + uri + ": " + e);
            return null;
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    /** The owner left or died: every client linked to it gets 1012 and reconnects. */
    void memberGone(String member) {
        Set<LinkPipe> pipes = byMember.remove(member);
        if (pipes != null) {
            for (LinkPipe pipe : pipes) {
                pipe.objectMoved();
            }
        }
    }

    /** Links open now (each one a client on this node whose object is on another). */
    int open() {
        return byMember.values().stream().mapToInt(Set::size).sum();
    }

    private static URI linkUri(Owner owner, boolean webSocket) {
        URI base = owner.link();
        String scheme = base.getScheme();
        if (webSocket) {
            scheme = "https".equals(scheme) ? "wss" : "http".equals(scheme) ? "ws" : scheme;
        }
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        return URI.create(scheme + "://" + base.getRawAuthority() + path.replaceAll("/$", "") + LinkHeaders.PATH);
    }
}
