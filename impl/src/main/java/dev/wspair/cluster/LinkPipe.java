package dev.wspair.cluster;

import dev.wspair.AcceptOptions;
import dev.wspair.CloseEvent;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.objects.ObjectRegistry;
import java.lang.System.Logger.Level;

/**
 * The entry node's half of a link: the server end of the client's connection ({@code client}) and
 * the socket of the link to the owner ({@code link}), both accepted half-open, with every message
 * passed on in order and each side's Close passed to the other with its code and reason, so that
 * the client and the object see each other as on one node. What a node in between adds:
 * <ul>
 * <li>the link lost, failed, or closed with 1001 {@value ObjectRegistry#MOVED_REASON} (the object
 * moved): the client gets {@value ObjectRegistry#MOVED_CODE} {@value ObjectRegistry#MOVED_REASON},
 * and reconnects to the object's new owner;</li>
 * <li>the client's connection lost (no Close): the object gets 1001 with workerd's lost-connection
 * reason (a link can only end with a Close frame);</li>
 * <li>the client's connection failed: the object gets 1011.</li>
 * </ul>
 */
final class LinkPipe {

    private static final System.Logger LOG = System.getLogger(LinkPipe.class.getName());

    static final String LOST_REASON = "WebSocket disconnected without sending Close frame.";

    private final WebSocket client;
    private final WebSocket link;

    private LinkPipe(WebSocket client, WebSocket link) {
        this.client = client;
        this.link = link;
    }

    /**
     * Couples {@code client} and {@code link}; the pipe is in {@code open} from before either side
     * is accepted until either side is done.
     */
    static LinkPipe couple(WebSocket client, WebSocket link, java.util.Set<LinkPipe> open) {
        LinkPipe pipe = new LinkPipe(client, link);
        Runnable ended = () -> open.remove(pipe);
        open.add(pipe);
        passMessages(client, link);
        passMessages(link, client);
        client.addEventListener(EventType.CLOSE, event -> {
            LOG.log(Level.DEBUG, "client closed " + event.code() + " " + event.reason());
            if (event.code() == 1006) {
                link.close(1001, LOST_REASON);
            } else {
                passOn(event, link);
            }
            ended.run();
        });
        link.addEventListener(EventType.CLOSE, event -> {
            LOG.log(Level.DEBUG, "link closed " + event.code() + " " + event.reason());
            if (event.code() == 1006 || (event.code() == ObjectRegistry.LINK_MOVED_CODE
                    && ObjectRegistry.MOVED_REASON.equals(event.reason()))) {
                pipe.objectMoved();
            } else {
                passOn(event, client);
            }
            ended.run();
        });
        client.addEventListener(EventType.ERROR, event -> {
            LOG.log(Level.DEBUG, "client failed: " + event.message());
            link.close(1011, "The client's connection failed");
            ended.run();
        });
        link.addEventListener(EventType.ERROR, event -> {
            LOG.log(Level.DEBUG, "link failed: " + event.message());
            pipe.objectMoved();
            ended.run();
        });
        client.accept(AcceptOptions.allowHalfOpen(true));
        link.accept(AcceptOptions.allowHalfOpen(true));
        return pipe;
    }

    /** Every message of {@code from} goes to {@code to}, in order, while {@code to} is open. */
    private static void passMessages(WebSocket from, WebSocket to) {
        from.addEventListener(EventType.MESSAGE, event -> {
            try {
                if (event.isText()) {
                    to.send(event.text());
                } else {
                    to.send(event.buffer());
                }
            } catch (IllegalStateException closed) {
                // the other side closed already: it hears of this side's end from its close
            }
        });
    }

    /** The owner is gone or the object moved: the client reconnects and reaches the new owner. */
    void objectMoved() {
        client.close(ObjectRegistry.MOVED_CODE, ObjectRegistry.MOVED_REASON);
        link.close(ObjectRegistry.LINK_MOVED_CODE, ObjectRegistry.MOVED_REASON);
    }

    /**
     * Passes one side's Close to the other; {@code close()} is a no-op on a side that closed
     * already. A Close without a code (1005) goes without one; a code that cannot be sent, as 1011.
     */
    private static void passOn(CloseEvent event, WebSocket to) {
        if (event.code() == 1005) {
            to.close();
            return;
        }
        try {
            to.close(event.code(), event.reason());
        } catch (IllegalArgumentException unsendable) {
            to.close(1011, "Close code " + event.code());
        }
    }
}
