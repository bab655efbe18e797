package dev.wspair.jakarta;

import dev.wspair.Compatibility;
import dev.wspair.engine.SendLimits;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The limits of bridged connections, in one place. Each is read from the application's
 * {@code web.xml} {@code <context-param>} of that name, else a system property, else MicroProfile
 * Config when the runtime has it, else its default; they are read once, when the application's
 * runtime starts.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code wspair.maxMessageSize}</td><td>33554432 (32 MiB; 128 MiB with {@code
 * increase_websocket_message_size})</td><td>bytes of one inbound message; over it the peer gets 1009 and the
 * socket an error event, as in workerd</td></tr>
 * <tr><td>{@code wspair.sendBufferLimit}</td><td>16777216 (16 MiB)</td><td>bytes sent but not yet written
 * ({@code bufferedAmount()}); over it the policy applies</td></tr>
 * <tr><td>{@code wspair.sendBufferPolicy}</td><td>{@code close}</td><td>{@code close}: the socket fails (an error
 * event) and the peer gets 1008; {@code reject}: {@code send()} throws an IllegalStateException and nothing is
 * queued</td></tr>
 * <tr><td>{@code wspair.sendTimeout}</td><td>{@code PT60S}</td><td>a message not written after this long
 * (the peer stopped reading) fails the socket as the {@code close} policy does; {@code PT0S}: never</td></tr>
 * <tr><td>{@code wspair.idleTimeout}</td><td>{@code PT0S} (off)</td><td>no message either way for this long:
 * the socket closes with 1001 "idle timeout"</td></tr>
 * <tr><td>{@code wspair.pingInterval}</td><td>{@code PT0S} (off)</td><td>a Ping this often, so that proxies that
 * cut idle connections (often after 60 s) keep them</td></tr>
 * <tr><td>{@code wspair.halfOpenTimeout}</td><td>{@code PT60S}</td><td>Tyrus: how long a half-open socket may hold
 * its container thread before the container answers the peer's Close itself</td></tr>
 * <tr><td>{@code wspair.closeTimeout}</td><td>{@code PT60S}</td><td>Tyrus: how long a socket that closed first
 * waits for the peer's Close before the connection ends as lost (1006); workerd waits until the connection
 * ends; {@code PT0S}: as workerd</td></tr>
 * <tr><td>{@code wspair.allowedOrigins}</td><td>(all)</td><td>the origins allowed on routes that do not name their
 * own (comma-separated; {@code same-origin}, {@code *} or full origins)</td></tr>
 * </table>
 */
public record BridgeSettings(int maxMessageSize, long sendBufferLimit, SendBufferPolicy sendBufferPolicy,
        Duration sendTimeout, Duration idleTimeout, Duration pingInterval, Duration halfOpenTimeout,
        Duration closeTimeout, List<String> allowedOrigins) {

    /** What happens when a socket has more than {@code sendBufferLimit} bytes waiting to be written. */
    public enum SendBufferPolicy { CLOSE, REJECT }

    /** The send-buffer limit, its policy and the send timeout, for the engine. */
    public SendLimits sendLimits() {
        return new SendLimits(sendBufferLimit, sendBufferPolicy == SendBufferPolicy.REJECT, sendTimeout);
    }

    /** How often the timers run: a quarter of the shortest timer, between 20 ms and 1 s; 0 if none is set. */
    long tickMillis() {
        long shortest = java.util.stream.Stream.of(sendTimeout, idleTimeout, pingInterval, closeTimeout)
                .filter(d -> !d.isZero() && !d.isNegative()).mapToLong(Duration::toMillis).min().orElse(0);
        return shortest == 0 ? 0 : Math.max(20, Math.min(1_000, shortest / 4));
    }

    /**
     * The settings found by {@code lookup} (see {@link #chain}); the message limit's default
     * follows {@code compatibility}.
     */
    public static BridgeSettings read(UnaryOperator<String> lookup, Compatibility compatibility) {
        int workerdLimit = compatibility.increaseMessageSize() ? 128 << 20 : 32 << 20;
        return new BridgeSettings(
                Integer.parseInt(value(lookup, "wspair.maxMessageSize", Integer.toString(workerdLimit))),
                Long.parseLong(value(lookup, "wspair.sendBufferLimit", Long.toString(16L << 20))),
                SendBufferPolicy.valueOf(value(lookup, "wspair.sendBufferPolicy", "close").toUpperCase(Locale.ROOT)),
                Duration.parse(value(lookup, "wspair.sendTimeout", "PT60S")),
                Duration.parse(value(lookup, "wspair.idleTimeout", "PT0S")),
                Duration.parse(value(lookup, "wspair.pingInterval", "PT0S")),
                Duration.parse(value(lookup, "wspair.halfOpenTimeout", "PT60S")),
                Duration.parse(value(lookup, "wspair.closeTimeout", "PT60S")),
                Arrays.stream(value(lookup, "wspair.allowedOrigins", "").split(",")).map(String::trim)
                        .filter(o -> !o.isEmpty()).toList());
    }

    /**
     * Where an application's settings come from, in order: its own ({@code own}, for a WAR its
     * {@code web.xml} context-params; may answer null), a system property, MicroProfile Config.
     * Blank values count as absent.
     */
    public static UnaryOperator<String> chain(UnaryOperator<String> own) {
        return name -> {
            String value = own.apply(name);
            if (value == null) {
                value = System.getProperty(name);
            }
            if (value == null) {
                value = MicroProfileConfig.get(name).orElse(null);
            }
            return value == null || value.isBlank() ? null : value.trim();
        };
    }

    private static String value(UnaryOperator<String> lookup, String name, String otherwise) {
        String value = lookup.apply(name);
        return value == null ? otherwise : value;
    }

    /** MicroProfile Config, when the runtime has it (Payara does; WildFly with its microprofile profile). */
    private static final class MicroProfileConfig {
        static Optional<String> get(String name) {
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
                Object config = provider.getMethod("getConfig").invoke(null);
                Method optional = config.getClass().getMethod("getOptionalValue", String.class, Class.class);
                @SuppressWarnings("unchecked")
                Optional<String> value = (Optional<String>) optional.invoke(config, name, String.class);
                return value;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
