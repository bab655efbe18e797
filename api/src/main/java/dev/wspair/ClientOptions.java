package dev.wspair;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Options of an outbound connection ({@code new WebSocket(url, ...)} and {@link Fetch#upgrade}):
 * request headers, the TLS context for {@code wss} (the JDK's default trust store otherwise), and a
 * connect timeout. Immutable; each method returns a copy.
 */
public final class ClientOptions {

    /** No extra headers, the default TLS context, a 30 s connect timeout. */
    public static final ClientOptions DEFAULT = new ClientOptions(Map.of(), null, Duration.ofSeconds(30));

    private final Map<String, String> headers;
    private final SSLContext sslContext;
    private final Duration connectTimeout;

    private ClientOptions(Map<String, String> headers, SSLContext sslContext, Duration connectTimeout) {
        this.headers = headers;
        this.sslContext = sslContext;
        this.connectTimeout = connectTimeout;
    }

    /**
     * With one more request header; a header of the same name given before is replaced.
     *
     * @param name the header name
     * @param value the header value
     * @return a copy with that header
     */
    public ClientOptions header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ClientOptions(Map.copyOf(more), sslContext, connectTimeout);
    }

    /**
     * With the TLS context for {@code wss}.
     *
     * @param context the context whose socket factory makes the TLS connections
     * @return a copy with that context
     */
    public ClientOptions sslContext(SSLContext context) {
        return new ClientOptions(headers, Objects.requireNonNull(context, "context"), connectTimeout);
    }

    /**
     * With a connect timeout: a handshake not done by then fails the connection.
     *
     * @param timeout a positive duration
     * @return a copy with that timeout
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public ClientOptions connectTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The connect timeout must be positive: " + timeout);
        }
        return new ClientOptions(headers, sslContext, timeout);
    }

    /**
     * The extra request headers.
     *
     * @return the headers by name, unmodifiable; empty by default
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The TLS context for {@code wss}.
     *
     * @return the context given, or {@code null} for the JDK's default
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * The connect timeout.
     *
     * @return the timeout given; 30 seconds by default
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }
}
