package dev.wspair.conformance.objects;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The scenarios of src-it/workerd/OBJECTS-OBSERVED.md, for any objects peer. Where several clients
 * send, the script waits for the object's log between them, so that the log's order is the
 * script's order and not a race between TCP connections.
 */
public final class ObjectsScenarios {

    private ObjectsScenarios() {
    }

    /** The {@code tags} connect option for these tags (URL-encoded JSON). */
    public static String tags(String... tags) {
        String json = Stream.of(tags).map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
        return "tags=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    public static List<ObjectsScenario> all() {
        return List.of(endpoints(), tagsAndBroadcast(), badCommands(), echoAndLateSend(), autoResponse(), attachments(),
                acceptErrors(), clientClose(), emptyClose(), abruptDisconnect(), objectCloses(), closeFromAnotherHandler(),
                protocolError());
    }

    static ObjectsScenario endpoints() {
        return ObjectsScenario.named("endpoints")
                .get("o", "log")
                .get("o", "connect?id=a")
                .get("bad!name", "log")
                .get("o", "nope")
                .connect("badId", "o", "bad!", "")
                .connect("badOption", "o", "x1", "onClose=maybe")
                .connect("badTags", "o", "x2", "tags=" + URLEncoder.encode("[1]", StandardCharsets.UTF_8))
                .connect("a", "o", "")
                .connect("reused", "o", "a", "")
                .get("o", "sockets")
                .build();
    }

    static ObjectsScenario tagsAndBroadcast() {
        return ObjectsScenario.named("tags-and-broadcast")
                .connect("a", "room", tags("room", "x"))
                .connect("b", "room", tags("room"))
                .connect("c", "room", "")
                .get("room", "sockets")
                .get("room", "sockets?tag=room")
                .get("room", "sockets?tag=x")
                .text("a", "{\"op\":\"getWebSockets\"}")
                .text("a", "{\"op\":\"getWebSockets\",\"tag\":\"room\"}")
                .text("a", "{\"op\":\"getTags\"}")
                .text("a", "{\"op\":\"send\",\"tag\":\"room\",\"text\":\"to room\"}")
                .awaitFrames("a", 1)
                .awaitFrames("b", 1)
                .text("c", "{\"op\":\"getTags\"}")
                .awaitLog("room", "c", "webSocketMessage", 1)
                .text("b", "{\"op\":\"sendBinary\",\"all\":true,\"hex\":\"00ff\"}")
                .awaitFrames("a", 2)
                .awaitFrames("b", 2)
                .awaitFrames("c", 1)
                .build();
    }

    static ObjectsScenario badCommands() {
        return ObjectsScenario.named("bad-commands")
                .connect("a", "o", "")
                .text("a", "{\"op\":\"send\",\"tag\":5,\"text\":\"x\"}")
                .text("a", "{\"op\":\"send\",\"tag\":\"t\",\"all\":true,\"text\":\"x\"}")
                .text("a", "{\"op\":\"send\",\"all\":false,\"text\":\"x\"}")
                .text("a", "{\"op\":\"sendBinary\",\"hex\":\"abc\"}")
                .text("a", "{\"op\":\"serializeAttachment\"}")
                .text("a", "{\"op\":\"setAutoResponse\",\"request\":\"only\"}")
                .text("a", "{\"op\":\"nope\"}")
                .text("a", "{\"op\":\"batch\",\"cmds\":\"no\"}")
                .text("a", "{\"op\":\"batch\",\"cmds\":[{\"op\":\"send\",\"text\":\"b1\"},5,"
                        + "{\"op\":\"batch\",\"cmds\":[]},{\"op\":\"send\",\"text\":\"b2\"}]}")
                .awaitFrames("a", 2)
                .build();
    }

    static ObjectsScenario echoAndLateSend() {
        return ObjectsScenario.named("echo-and-late-send")
                .connect("a", "o", "onMessage=echo&onClose=send")
                .text("a", "hello")
                .binary("a", "00ff10")
                .text("a", "{\"op\":5}")
                .awaitFrames("a", 3)
                .close("a", 1000, "")
                .awaitFrames("a", 4)
                .awaitQuiet("a", 300)
                .build();
    }

    static ObjectsScenario autoResponse() {
        return ObjectsScenario.named("auto-response")
                .connect("a", "o", "")
                .connect("b", "o", "")
                .text("a", "{\"op\":\"getAutoResponseTimestamp\"}")
                .text("a", "{\"op\":\"setAutoResponse\",\"request\":\"ping\",\"response\":\"pong\"}")
                .text("a", "{\"op\":\"getAutoResponse\"}")
                .text("a", "{\"op\":\"send\",\"text\":\"set\"}")
                .awaitFrames("a", 1)
                .text("a", "ping")
                .awaitFrames("a", 2)
                .text("a", "PING")
                .text("a", "{\"op\":\"getAutoResponseTimestamp\",\"all\":true}")
                .text("a", "{\"op\":\"setAutoResponse\",\"request\":\"" + "x".repeat(2049) + "\",\"response\":\"y\"}")
                .text("a", "{\"op\":\"setAutoResponse\",\"request\":\"x\",\"response\":\"" + "y".repeat(2049) + "\"}")
                .text("a", "{\"op\":\"getAutoResponse\"}")
                .text("a", "{\"op\":\"setAutoResponse\"}")
                .text("a", "{\"op\":\"getAutoResponse\"}")
                .text("a", "ping")
                .text("a", "{\"op\":\"getAutoResponseTimestamp\"}")
                .text("a", "{\"op\":\"send\",\"text\":\"done\"}")
                .awaitFrames("a", 3)
                .build();
    }

    static ObjectsScenario attachments() {
        return ObjectsScenario.named("attachments")
                .connect("a", "o", "")
                .connect("b", "o", "")
                .text("a", "{\"op\":\"deserializeAttachment\"}")
                .text("a", "{\"op\":\"serializeAttachment\",\"value\":{\"n\":1,\"l\":[true,null,\"s\"]}}")
                .text("a", "{\"op\":\"deserializeAttachment\",\"all\":true}")
                .text("a", "{\"op\":\"serializeAttachment\",\"value\":\"" + "z".repeat(20000) + "\"}")
                .text("a", "{\"op\":\"deserializeAttachment\"}")
                .text("a", "{\"op\":\"send\",\"text\":\"done\"}")
                .awaitFrames("a", 1)
                .build();
    }

    static ObjectsScenario acceptErrors() {
        String[] eleven = IntStream.range(0, 11).mapToObj(i -> "t" + i).toArray(String[]::new);
        return ObjectsScenario.named("accept-errors")
                .connect("a", "o", "acceptTwice=1&" + tags("t"))
                .connect("b", "o", tags(eleven))
                .connect("c", "o", tags("x".repeat(257)))
                .connect("d", "o", tags("\u00e9".repeat(129)))
                .connect("e", "o", tags("x".repeat(256), "d", "d"))
                .text("a", "{\"op\":\"accept\"}")
                .text("a", "{\"op\":\"getTags\"}")
                .awaitLog("o", "a", "webSocketMessage", 2)
                .text("b", "{\"op\":\"getTags\"}")
                .awaitLog("o", "b", "webSocketMessage", 1)
                .text("e", "{\"op\":\"getTags\"}")
                .awaitLog("o", "e", "webSocketMessage", 1)
                .text("c", "{\"op\":\"send\",\"text\":\"c works\"}")
                .awaitFrames("c", 1)
                .build();
    }

    static ObjectsScenario clientClose() {
        return ObjectsScenario.named("client-close")
                .connect("a", "o", tags("t"))
                .connect("b", "o", "")
                .text("a", "{\"op\":\"serializeAttachment\",\"value\":{\"k\":1}}")
                .close("a", 4001, "bye")
                .awaitLog("o", "a", "webSocketClose", 1)
                .awaitQuiet("a", 500)
                .get("o", "sockets")
                .build();
    }

    static ObjectsScenario emptyClose() {
        return ObjectsScenario.named("empty-close")
                .connect("a", "o", "onClose=close")
                .closeEmpty("a")
                .awaitLog("o", "a", "webSocketClose", 1)
                .awaitQuiet("a", 300)
                .build();
    }

    static ObjectsScenario abruptDisconnect() {
        return ObjectsScenario.named("abrupt-disconnect")
                .connect("a", "o", "onClose=close&" + tags("t"))
                .connect("b", "o", "")
                .drop("a")
                .awaitLog("o", "a", "webSocketClose", 1)
                .get("o", "sockets")
                .build();
    }

    static ObjectsScenario objectCloses() {
        return ObjectsScenario.named("object-closes")
                .connect("a", "o", "")
                .text("a", "{\"op\":\"close\",\"code\":999}")
                .text("a", "{\"op\":\"close\",\"reason\":\"no code\"}")
                .text("a", "{\"op\":\"close\",\"code\":1000,\"reason\":\"" + "r".repeat(124) + "\"}")
                .text("a", "{\"op\":\"close\",\"code\":4002,\"reason\":\"srv\"}")
                .awaitFrames("a", 1)
                .text("a", "{\"op\":\"send\",\"text\":\"after close\"}")
                .awaitLog("o", "a", "webSocketMessage", 5)
                .get("o", "sockets")
                .close("a", 4002, "reply")
                .awaitEnd("a")
                .awaitLog("o", "a", "webSocketClose", 1)
                .get("o", "sockets")
                .build();
    }

    static ObjectsScenario closeFromAnotherHandler() {
        return ObjectsScenario.named("close-from-another-handler")
                .connect("a", "o", tags("victim"))
                .connect("b", "o", "")
                .text("b", "{\"op\":\"close\",\"tag\":\"victim\",\"code\":4003,\"reason\":\"by b\"}")
                .awaitFrames("a", 1)
                .close("a", 4003, "ack")
                .awaitLog("o", "a", "webSocketClose", 1)
                .awaitQuiet("a", 500)
                .get("o", "sockets")
                .build();
    }

    static ObjectsScenario protocolError() {
        return ObjectsScenario.named("protocol-error")
                .connect("a", "o", tags("t"))
                .rawFrame("a", 0x3, "78")
                .awaitFrames("a", 1)
                .awaitLog("o", "a", "webSocketError", 1)
                .get("o", "sockets")
                .build();
    }
}
