package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A batch of an object's turns: its sockets' frames are handed over at its end, in order, each
 * queue once, with the writer told which frames follow at once; outside a batch, at once.
 */
class DeferredFlushesTest {

    /**
     * A connection that completes each write at once and records what it was told; "end" is each
     * {@code writeHeld()} (a hand-over that completions made go round again ends twice).
     */
    private static final class RecordingWriter implements FrameWriter {
        final List<String> log = new ArrayList<>();

        @Override
        public void write(Frame frame, Consumer<Throwable> done) {
            write(frame, done, false);
        }

        @Override
        public void write(Frame frame, Consumer<Throwable> done, boolean more) {
            log.add(frame + (more ? " more" : " last"));
            done.accept(null);
        }

        @Override
        public void writeHeld() {
            log.add("end");
        }

        @Override
        public void close(int code, String reason) {
            log.add("close");
        }
    }

    /** The log with each run of "end"s as one: where a hand-over ended. */
    private static List<String> ends(List<String> log) {
        List<String> out = new ArrayList<>();
        for (String entry : log) {
            if (!(entry.equals("end") && !out.isEmpty() && out.get(out.size() - 1).equals("end"))) {
                out.add(entry);
            }
        }
        return out;
    }

    @Test
    void framesWaitForTheEndOfTheBatchAndGoTogetherInOrder() {
        RecordingWriter one = new RecordingWriter();
        RecordingWriter two = new RecordingWriter();
        OutboundQueue first = new OutboundQueue(one, OutboundQueue.UNBOUNDED);
        OutboundQueue second = new OutboundQueue(two, OutboundQueue.UNBOUNDED);
        try (DeferredFlushes batch = DeferredFlushes.open()) {
            for (String text : List.of("a", "bb", "ccc")) {
                first.write(Frame.text(text));
                first.flush();
                second.write(Frame.text(text));
                second.flush();
            }
            first.write(Frame.binary(new byte[4]));
            first.flush();
            assertEquals(List.of(), one.log, "nothing is handed over during the batch");
            assertEquals(10, first.bufferedAmount());
            try (DeferredFlushes nested = DeferredFlushes.open()) {
                first.write(Frame.text("d"));
                first.flush();
            }
            assertEquals(List.of(), one.log, "a nested batch leaves the flush to the outer one");
        }
        assertEquals(List.of("TEXT[1 bytes] more", "TEXT[2 bytes] more", "TEXT[3 bytes] more", "BINARY[4 bytes] more",
                "TEXT[1 bytes] last", "end"), ends(one.log));
        assertEquals(List.of("TEXT[1 bytes] more", "TEXT[2 bytes] more", "TEXT[3 bytes] last", "end"), ends(two.log));
        assertEquals(0, first.bufferedAmount());
    }

    @Test
    void aFlushBetweenTurnsHandsOverWhatWasSentSoFar() {
        RecordingWriter writer = new RecordingWriter();
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        try (DeferredFlushes batch = DeferredFlushes.open()) {
            queue.write(Frame.text("a"));
            queue.flush();
            batch.flush();
            assertEquals(List.of("TEXT[1 bytes] last", "end"), ends(writer.log));
            queue.write(Frame.text("b"));
            queue.flush();
            assertEquals(List.of("TEXT[1 bytes] last", "end"), ends(writer.log), "deferred again after the flush");
        }
        assertEquals(List.of("TEXT[1 bytes] last", "end", "TEXT[1 bytes] last", "end"), ends(writer.log));
    }

    @Test
    void aCallAboutToBlockHandsOverWhatItSent() {
        RecordingWriter writer = new RecordingWriter();
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        DeferredFlushes.flushBound();
        try (DeferredFlushes batch = DeferredFlushes.open()) {
            queue.write(Frame.text("a"));
            queue.flush();
            DeferredFlushes.flushBound();
            assertEquals(List.of("TEXT[1 bytes] last", "end"), ends(writer.log));
        }
        assertEquals(List.of("TEXT[1 bytes] last", "end"), ends(writer.log));
    }

    @Test
    void withoutABatchAFlushHandsOverAtOnce() {
        RecordingWriter writer = new RecordingWriter();
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        queue.write(Frame.text("a"));
        queue.flush();
        assertEquals(List.of("TEXT[1 bytes] last", "end"), ends(writer.log));
    }

    @Test
    void aCloseGoesAfterTheFramesBeforeIt() {
        RecordingWriter writer = new RecordingWriter();
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        try (DeferredFlushes batch = DeferredFlushes.open()) {
            queue.write(Frame.text("a"));
            queue.flush();
            queue.write(Frame.close(4000, "bye"));
            queue.flush();
        }
        // the text is not "more": the Close behind it may start only once the text completed
        assertEquals(List.of("TEXT[1 bytes] last", "CLOSE[4000, bye] last", "end"), ends(writer.log));
    }
}
