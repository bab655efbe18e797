package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch of an object's turns: its sockets' frames are handed over at its end, in order, each
 * queue once, with the writer told which frames follow at once; outside a batch, at once.
 */
class DeferredFlushesTest {

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
                "TEXT[1 bytes] last", "end"), one.ends());
        assertEquals(List.of("TEXT[1 bytes] more", "TEXT[2 bytes] more", "TEXT[3 bytes] last", "end"), two.ends());
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
            assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends());
            queue.write(Frame.text("b"));
            queue.flush();
            assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends(), "deferred again after the flush");
        }
        assertEquals(List.of("TEXT[1 bytes] last", "end", "TEXT[1 bytes] last", "end"), writer.ends());
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
            assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends());
        }
        assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends());
    }

    @Test
    void withoutABatchAFlushHandsOverAtOnce() {
        RecordingWriter writer = new RecordingWriter();
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        queue.write(Frame.text("a"));
        queue.flush();
        assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends());
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
        assertEquals(List.of("TEXT[1 bytes] last", "CLOSE[4000, bye] last", "end"), writer.ends());
    }

    @Test
    void aQueueReleasedDuringTheBatchWritesWhatWasSentBeforeFirst() {
        RecordingWriter writer = new RecordingWriter();
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        try (DeferredFlushes batch = DeferredFlushes.open()) {
            queue.write(Frame.text("a"));
            queue.flush();
            queue.release();
            assertEquals(List.of("TEXT[1 bytes] last", "end", "close"), writer.ends());
        }
        assertEquals(List.of("TEXT[1 bytes] last", "end", "close"), writer.ends());
    }
}
