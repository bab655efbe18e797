package dev.wspair.objects;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.DurableObjectStub;
import dev.wspair.EventType;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.WebSocketRequestResponsePair;
import dev.wspair.runtime.ApplicationRuntime;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test object. {@code fetch} accepts a new pair's server end with the tags of the {@code tags}
 * header (comma-separated; absent: no tags) and returns the client end; the {@code op} header runs
 * one misuse instead. Text messages are commands (below); everything else is echoed. Each handler
 * call is logged with the readyState read when it starts.
 */
public class Room implements DurableObject {

    /** What the tests observe, one per runtime (the harness registers it). */
    static final class Probe {
        final AtomicInteger constructed = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final BlockingQueue<String> log = new LinkedBlockingQueue<>();
        final List<WeakReference<Room>> instances = new ArrayList<>();
    }

    static final Map<ApplicationRuntime, Probe> PROBES = new ConcurrentHashMap<>();

    private final DurableObjectState ctx;
    private final Probe probe;

    public Room(DurableObjectState ctx) {
        this.ctx = ctx;
        this.probe = PROBES.get(ApplicationRuntime.current());
        Probe current = probe;
        current.constructed.incrementAndGet();
        synchronized (current.instances) {
            current.instances.add(new WeakReference<>(this));
        }
    }

    @Override
    public Response fetch(Request request) {
        enter();
        try {
            WebSocketPair pair = new WebSocketPair();
            String tags = request.header("tags");
            String op = request.header("op");
            if (op == null) {
                ctx.acceptWebSocket(pair.server(), tags == null ? List.of() : List.of(tags.split(",", -1)));
            } else if (op.equals("acceptTwice")) {
                ctx.acceptWebSocket(pair.server());
                ctx.acceptWebSocket(pair.server());
            } else if (op.equals("acceptThenAccept")) {
                ctx.acceptWebSocket(pair.server());
                pair.server().accept();
            } else if (op.equals("acceptedFirst")) {
                pair.server().accept();
                ctx.acceptWebSocket(pair.server());
            } else if (op.equals("returnServer")) {
                ctx.acceptWebSocket(pair.server());
                return Response.webSocket(pair.server());
            } else if (op.equals("tagsOfUnaccepted")) {
                ctx.getTags(pair.server());
            } else if (op.equals("tagsOfAccepted")) {
                pair.server().accept();
                ctx.getTags(pair.server());
            } else if (op.equals("plain")) {
                acceptOrdinarySocket(pair.server());
            } else if (op.equals("noop")) {
                return new Response("ok");
            } else if (op.equals("autoResponse")) {
                ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(request.header("request"),
                        request.header("response")));
                return new Response("set");
            }
            return Response.webSocket(pair.client());
        } finally {
            leave();
        }
    }

    /**
     * An ordinary socket with listeners: each message is answered with whether the listener runs in
     * one of this object's calls (there, a call to the object's own stub fails at once).
     */
    private void acceptOrdinarySocket(WebSocket server) {
        server.accept();
        DurableObjectStub self = DurableObjectNamespace.of(Room.class).get(ctx.id());
        server.addEventListener(EventType.MESSAGE, e -> {
            boolean inCall;
            try {
                self.fetch(ObjectHarness.request(Map.of("op", "noop")));
                inCall = false;
            } catch (IllegalStateException ownCall) {
                inCall = true;
            } catch (Exception e2) {
                throw new IllegalStateException(e2);
            }
            server.send("plain " + e.text() + " inCall=" + inCall);
        });
        server.addEventListener(EventType.CLOSE, e -> probe.log.add("plain close " + e.code() + " " + e.reason()));
    }

    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        enter();
        try {
            probe.log.add("message " + message + " rs" + ws.readyState());
            if (message.startsWith("room:")) {
                for (WebSocket member : ctx.getWebSockets("room")) {
                    member.send(message);
                }
            } else if (message.equals("list")) {
                ws.send(tagsOf(ctx.getWebSockets()) + " / " + tagsOf(ctx.getWebSockets("room")));
            } else if (message.equals("throw")) {
                throw new IllegalStateException("boom");
            } else if (message.startsWith("attach:")) {
                ws.serializeAttachment(Map.of("v", message.substring("attach:".length())));
            } else if (message.equals("attachment")) {
                ws.send(String.valueOf(ws.deserializeAttachment()));
            } else if (message.startsWith("auto:")) {
                String[] parts = message.split(":");
                ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(parts[1], parts[2]));
                ws.send("auto set");
            } else if (message.equals("unauto")) {
                ctx.setWebSocketAutoResponse();
            } else if (message.equals("stamp")) {
                ws.send(String.valueOf(ctx.getWebSocketAutoResponseTimestamp(ws)));
            } else if (message.equals("close")) {
                ws.close(4002, "srv");
            } else {
                ws.send("echo " + message);
            }
        } finally {
            leave();
        }
    }

    @Override
    public void webSocketMessage(WebSocket ws, ByteBuffer message) {
        probe.log.add("binary " + message.remaining());
        ws.send(message);
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        probe.log.add("close " + code + " " + reason + " " + wasClean + " rs" + ws.readyState()
                + " listed=" + ctx.getWebSockets().contains(ws) + " tags=" + ctx.getTags(ws));
        ws.send("late");
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        probe.log.add("error " + error.getClass().getSimpleName() + ": " + error.getMessage() + " rs" + ws.readyState()
                + " listed=" + ctx.getWebSockets().contains(ws));
    }

    private String tagsOf(List<WebSocket> sockets) {
        List<String> tags = new ArrayList<>();
        for (WebSocket socket : sockets) {
            tags.add(String.join(",", ctx.getTags(socket)));
        }
        return String.join("|", tags);
    }

    private void enter() {
        int now = probe.inFlight.incrementAndGet();
        probe.maxInFlight.accumulateAndGet(now, Math::max);
    }

    private void leave() {
        probe.inFlight.decrementAndGet();
    }
}
