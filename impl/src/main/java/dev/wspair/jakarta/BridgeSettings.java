package dev.wspair.jakarta;

import dev.wspair.Compatibility;
import java.time.Duration;

/**
 * The bridge's limits. From system properties, with workerd's defaults:
 * {@code wspair.maxMessageSize} (bytes; 32 MiB, or 128 MiB with {@code
 * increase_websocket_message_size}) and {@code wspair.halfOpenTimeout} (ISO-8601 duration, {@code
 * PT60S}: how long a half-open socket on Tyrus may hold its container thread before the container
 * answers the peer's Close itself).
 */
public record BridgeSettings(int maxMessageSize, Duration halfOpenTimeout) {

    static final String MAX_MESSAGE_SIZE = "wspair.maxMessageSize";
    static final String HALF_OPEN_TIMEOUT = "wspair.halfOpenTimeout";

    public static BridgeSettings fromSystemProperties() {
        int workerdLimit = Compatibility.current().increaseMessageSize() ? 128 << 20 : 32 << 20;
        return new BridgeSettings(
                Integer.getInteger(MAX_MESSAGE_SIZE, workerdLimit),
                Duration.parse(System.getProperty(HALF_OPEN_TIMEOUT, "PT60S")));
    }
}
