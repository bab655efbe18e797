package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.jakarta.WebSocketUpgrade;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An application's own servlet answering 101 with one call. */
@WebServlet("/helper")
public class HelperServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send("helper: " + event.text()));
        try {
            WebSocketUpgrade.upgrade(request, response, pair.client());
        } catch (IllegalStateException e) {
            response.sendError(400, e.getMessage());
        }
    }
}
