package dev.wspair.it.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A plain JSR-356 echo endpoint without wspair: the control for what the container itself leaves behind. */
@ServerEndpoint("/plain/{who}")
public class PlainEcho {

    @OnMessage
    public String echo(String message, jakarta.websocket.Session session) {
        return session.getPathParameters().get("who") + ": " + message;
    }
}
