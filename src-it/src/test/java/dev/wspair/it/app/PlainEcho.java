package dev.wspair.it.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plain JSR-356 echo endpoint without wspair, which closes its sessions with 1001 when the
 * application stops (as wspair does): the control for what the container itself leaves behind.
 */
@ServerEndpoint("/plain/{who}")
public class PlainEcho {

    static final Set<Session> OPEN = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void open(Session session) {
        OPEN.add(session);
    }

    @OnMessage
    public String echo(String message, Session session) {
        return session.getPathParameters().get("who") + ": " + message;
    }

    @OnClose
    public void closed(Session session) {
        OPEN.remove(session);
    }

    /** Closes every session with 1001 when the application stops. */
    @WebListener
    public static class GoingAway implements ServletContextListener {
        @Override
        public void contextDestroyed(ServletContextEvent event) {
            for (Session session : OPEN) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "going away"));
                } catch (IOException e) {
                    event.getServletContext().log("closing a session failed", e);
                }
            }
        }
    }
}
