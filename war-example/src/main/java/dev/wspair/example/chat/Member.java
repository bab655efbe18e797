package dev.wspair.example.chat;

import dev.wspair.WebSocket;
import java.lang.System.Logger.Level;

/** Someone in a room: the name they gave and the server end of their connection. */
record Member(String name, String room, WebSocket socket) {

    private static final System.Logger LOG = System.getLogger(Member.class.getName());

    /**
     * Sends one of the {@link Protocol}'s records to this member alone, as JSON, never failing. {@code send} never blocks and ignores a lost
     * connection, but, as in workerd, it throws once a Close went out: between the peer's Close
     * (answered at once) and the {@code close} event that removes the member, another member's
     * message may still be on its way here. Nothing of that reaches the sender or the others.
     */
    void send(Object message) {
        try {
            socket.sendJson(message);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Not sent to " + name + " in " + room + ": " + e.getMessage());
        }
    }
}
