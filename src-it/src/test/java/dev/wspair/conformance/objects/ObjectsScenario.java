package dev.wspair.conformance.objects;

import java.util.ArrayList;
import java.util.List;

/**
 * A scripted multi-client scenario for an objects peer (the protocol in the header of
 * src-it/workerd/objects.js): clients connect to objects, send frames, wait for what they receive or for the object's log, and read {@code /log}
 * and {@code /sockets}. Objects are named logically here; {@link ObjectsRunner} makes the names
 * unique per run, so a scenario can run any number of times against the same peer.
 *
 * <p>A client name is also its connection ID unless {@link Builder#connect(String, String, String,
 * String)} gives another one. Steps run in order; waits are bounded and a wait that runs out is
 * recorded in the observation ({@code "timeouts"}), it does not stop the scenario.
 */
public record ObjectsScenario(String name, List<Step> steps) {

    public ObjectsScenario {
        if (!name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("scenario name must be [a-z0-9-]{1,40}: " + name);
        }
        steps = List.copyOf(steps);
    }

    /** One step of a script. */
    public sealed interface Step {
    }

    /** {@code GET /objects/OBJECT/connect?id=ID&OPTIONS} with {@code Upgrade: websocket}. */
    public record Connect(String client, String object, String id, String options) implements Step {
    }

    public record Text(String client, String text) implements Step {
    }

    public record Binary(String client, String hex) implements Step {
    }

    /** Any frame, e.g. a reserved opcode (a protocol error). */
    public record RawFrame(String client, int opcode, String hex) implements Step {
    }

    public record Close(String client, int code, String reason) implements Step {
    }

    public record CloseEmpty(String client) implements Step {
    }

    /** Ends the TCP connection with a reset, without a Close frame. */
    public record Drop(String client) implements Step {
    }

    /** Waits until the client has received at least {@code count} frames. */
    public record AwaitFrames(String client, int count) implements Step {
    }

    /** Waits until the peer ended the client's TCP connection. */
    public record AwaitEnd(String client) implements Step {
    }

    /**
     * Gives the client {@code millis} to receive more (or to see its connection end): the window in
     * which an absence (no Close reply, no end of TCP) is observed. Returns early when it ends.
     */
    public record AwaitQuiet(String client, long millis) implements Step {
    }

    /**
     * Waits until the object's log holds at least {@code count} handler entries
     * ({@code "event":EVENT}) of connection {@code conn}.
     */
    public record AwaitLog(String object, String conn, String event, int count) implements Step {
    }

    /**
     * {@code GET /objects/OBJECT/PATH} ({@code log}, {@code sockets}, {@code sockets?tag=T}, or any
     * other path); the status and body are recorded in the observation's {@code "gets"}.
     */
    public record Get(String object, String path) implements Step {
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Fluent construction. */
    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        private Builder add(Step step) {
            steps.add(step);
            return this;
        }

        /** Connects client {@code client} (ID = the client's name) to {@code object}. */
        public Builder connect(String client, String object, String options) {
            return add(new Connect(client, object, client, options));
        }

        public Builder connect(String client, String object, String id, String options) {
            return add(new Connect(client, object, id, options));
        }

        public Builder text(String client, String text) {
            return add(new Text(client, text));
        }

        public Builder binary(String client, String hex) {
            return add(new Binary(client, hex));
        }

        public Builder rawFrame(String client, int opcode, String hex) {
            return add(new RawFrame(client, opcode, hex));
        }

        public Builder close(String client, int code, String reason) {
            return add(new Close(client, code, reason));
        }

        public Builder closeEmpty(String client) {
            return add(new CloseEmpty(client));
        }

        public Builder drop(String client) {
            return add(new Drop(client));
        }

        public Builder awaitFrames(String client, int count) {
            return add(new AwaitFrames(client, count));
        }

        public Builder awaitEnd(String client) {
            return add(new AwaitEnd(client));
        }

        public Builder awaitQuiet(String client, long millis) {
            return add(new AwaitQuiet(client, millis));
        }

        public Builder awaitLog(String object, String conn, String event, int count) {
            return add(new AwaitLog(object, conn, event, count));
        }

        public Builder get(String object, String path) {
            return add(new Get(object, path));
        }

        public ObjectsScenario build() {
            return new ObjectsScenario(name, steps);
        }
    }
}
