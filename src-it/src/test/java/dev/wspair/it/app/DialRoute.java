package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /dial?to=ws://...}: opens {@code new WebSocket(to)} from the server, sends "ping" and
 * answers 200 with the first message that comes back, then closes; 502 if none came within 10 s.
 */
@Route("/dial")
@ApplicationScoped
public class DialRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) throws Exception {
        String target = request.url().getQuery().substring("to=".length());
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket client = new WebSocket(target);
        client.addEventListener(EventType.OPEN, event -> client.send("ping"));
        client.addEventListener(EventType.MESSAGE, event -> answer.complete(event.text()));
        client.addEventListener(EventType.CLOSE, event -> answer.completeExceptionally(new IllegalStateException("closed " + event.code())));
        try {
            return new Response(answer.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Response("no answer: " + e, 502);
        } finally {
            client.close(1000, "done");
        }
    }
}
