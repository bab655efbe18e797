package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.Fetch;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /dial?to=ws://...}: the server connects to {@code to} with the project's client (the
 * fetch-style upgrade: the socket reads nothing before it is accepted, so no event can come before
 * the listeners are in place), sends "ping" and answers 200 with the first message that comes back,
 * then closes; 502 if none came within 10 s.
 */
@Route("/dial")
@ApplicationScoped
public class DialRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) throws Exception {
        String target = request.url().getQuery().substring("to=".length());
        WebSocket client;
        try {
            client = Fetch.upgrade(target).toCompletableFuture().get(10, TimeUnit.SECONDS).webSocket();
        } catch (ExecutionException | TimeoutException e) {
            return new Response("no connection: " + e, 502);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        client.addEventListener(EventType.MESSAGE, event -> answer.complete(event.text()));
        client.addEventListener(EventType.CLOSE, event -> answer.completeExceptionally(new IllegalStateException("closed " + event.code())));
        client.accept();
        client.send("ping");
        try {
            return new Response(answer.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return new Response("no answer: " + e, 502);
        } finally {
            client.close(1000, "done");
        }
    }
}
