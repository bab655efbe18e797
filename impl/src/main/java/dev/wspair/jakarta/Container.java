package dev.wspair.jakarta;

import dev.wspair.WebSocketException;
import dev.wspair.engine.Frame;
import dev.wspair.engine.OutboundQueue;
import jakarta.websocket.Session;
import java.util.List;

/**
 * What each JSR-356 container does, measured on the wire (see the README's "Differences from
 * workerd"), and how its callbacks map to workerd's events; its closing handshake is shaped by
 * {@link HeldEchoHandshake} (Tyrus), {@link ReadingHandshake} (Undertow) or {@link EarlyEchoHandshake}.
 *
 * <ul>
 * <li>Tyrus (the embedded runtime, Payara) calls {@code onClose} for a peer's Close <em>before</em>
 * it echoes, and echoes when {@code onClose} returns; until then, sends still reach the peer. So
 * the bridge holds {@code onClose} until the socket answers: half-open works on the wire. Protocol
 * errors come as {@code onClose} with Tyrus's own texts and no {@code onError}.</li>
 * <li>Undertow (WildFly) would echo a peer's Close <em>before</em> {@code onClose} and refuse every
 * frame after it; the bridge reads the frames itself ({@link UndertowChannel}), so nothing is echoed
 * for the socket. Protocol errors and resets come as {@code onError}, then {@code onClose(1006)}.</li>
 * </ul>
 * Both queue concurrent asynchronous sends safely, so frames are handed over at once; other
 * containers get one frame at a time.
 */
enum Container {
    TYRUS(OutboundQueue.UNBOUNDED),
    UNDERTOW(OutboundQueue.UNBOUNDED),
    OTHER(1);

    /** Texts of the Close frames Tyrus sends when the peer breaks the protocol or a limit. */
    private static final List<String> TYRUS_PROTOCOL_ERRORS = List.of(
            "RSV bit(s) incorrectly set.",
            "End fragment sent, but wasn't processing any previous fragments.",
            "Unknown wrappedFrame type",
            "Illegal UTF-8 Sequence.",
            "Illegal status code",
            "Illegal close code",
            "Buffer overflow.",
            "Too big.",
            "Control frame payloads must be no greater than 125 bytes.",
            "Fragmented control frame.",
            "Closing wrappedFrame payload, if present, must be a minimum of 2 bytes in length");

    /** Frames handed to the container at once. */
    final int window;

    Container(int window) {
        this.window = window;
    }

    static Container of(Session session) {
        String type = session.getClass().getName();
        if (type.startsWith("org.glassfish.tyrus.")) {
            return TYRUS;
        }
        if (type.startsWith("io.undertow.")) {
            return UNDERTOW;
        }
        return OTHER;
    }

    /**
     * What a container's {@code onClose} (not caused by our own close) means for the socket: the
     * peer's Close, a connection lost (1006), or a protocol error the container answered for us.
     *
     * @param error what {@code onError} reported just before, or null
     */
    Frame classify(int code, String reason, Throwable error) {
        WebSocketException protocolError = protocolError(code, reason, error);
        if (protocolError != null) {
            return Frame.failed(protocolError);
        }
        if (code == 1006) {
            return Frame.lost();
        }
        return Frame.close(code, reason);
    }

    private WebSocketException protocolError(int code, String reason, Throwable error) {
        if (this == TYRUS) {
            for (String text : TYRUS_PROTOCOL_ERRORS) {
                if (reason.startsWith(text)) {
                    return WebSocketException.protocolError(code, reason);
                }
            }
            return null;
        }
        String message = error == null ? null : error.getMessage();
        if (message != null && message.startsWith("UT0020")) {
            int sent = code != 1006 ? code : message.startsWith("UT002003") ? 1007 : message.startsWith("UT002040") ? 1009 : 1002;
            return WebSocketException.protocolError(sent, code != 1006 ? reason : message);
        }
        return null;
    }
}
