package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A read of a connection: what the socket it feeds sends back meanwhile is handed over at the end
 * of the read, together and in order; other sockets, other threads and the end of the deliveries
 * ({@link ReadReplies#flushNow()}) do not wait.
 */
class ReadRepliesTest {

    private final RecordingWriter writer = new RecordingWriter();
    private final OutboundQueue replies = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);

    private static void send(OutboundQueue queue, String text) {
        queue.write(Frame.text(text));
        queue.flush();
    }

    @Test
    void repliesDuringAReadGoTogetherAtItsEnd() {
        try (ReadReplies read = ReadReplies.open()) {
            for (String text : List.of("a", "bb", "ccc")) {
                ReadReplies.admit(replies);
                send(replies, text);
            }
            assertEquals(List.of(), writer.ends(), "nothing is handed over during the read");
        }
        assertEquals(List.of("TEXT[1 bytes] more", "TEXT[2 bytes] more", "TEXT[3 bytes] last", "end"), writer.ends());
    }

    @Test
    void anotherSocketsFramesGoAtOnce() {
        RecordingWriter otherWriter = new RecordingWriter();
        OutboundQueue other = new OutboundQueue(otherWriter, OutboundQueue.UNBOUNDED);
        try (ReadReplies read = ReadReplies.open()) {
            ReadReplies.admit(replies);
            send(other, "room");
            assertEquals(List.of("TEXT[4 bytes] last", "end"), otherWriter.ends());
        }
    }

    @Test
    void aSendFromAnotherThreadTakesTheWaitingRepliesWithItInOrder() throws Exception {
        try (ReadReplies read = ReadReplies.open()) {
            ReadReplies.admit(replies);
            send(replies, "a");
            CompletableFuture.runAsync(() -> send(replies, "bb")).get();
            assertEquals(List.of("TEXT[1 bytes] more", "TEXT[2 bytes] last", "end"), writer.ends());
        }
        assertEquals(List.of("TEXT[1 bytes] more", "TEXT[2 bytes] last", "end"), writer.ends(), "nothing twice");
    }

    @Test
    void flushNowHandsOverAndHoldsNothingMoreInThatRead() {
        try (ReadReplies read = ReadReplies.open()) {
            ReadReplies.admit(replies);
            send(replies, "a");
            ReadReplies.flushNow();
            assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends());
            send(replies, "bb");
            assertEquals(List.of("TEXT[1 bytes] last", "end", "TEXT[2 bytes] last", "end"), writer.ends(),
                    "after the peer's Close, say, a reply goes at once");
        }
    }

    @Test
    void aSecondSocketReadOnTheSameThreadHandsOverTheFirstOnesReplies() {
        RecordingWriter secondWriter = new RecordingWriter();
        OutboundQueue second = new OutboundQueue(secondWriter, OutboundQueue.UNBOUNDED);
        try (ReadReplies read = ReadReplies.open()) {
            ReadReplies.admit(replies);
            send(replies, "a");
            ReadReplies.admit(second);
            assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends());
            send(second, "bb");
            assertEquals(List.of(), secondWriter.ends());
        }
        assertEquals(List.of("TEXT[2 bytes] last", "end"), secondWriter.ends());
    }

    @Test
    void withoutAReadAndInsideOneAlreadyOpenNothingChanges() {
        ReadReplies.admit(replies);
        send(replies, "a");
        assertEquals(List.of("TEXT[1 bytes] last", "end"), writer.ends(), "no read open: at once");
        try (ReadReplies outer = ReadReplies.open()) {
            assertNull(ReadReplies.open(), "a read inside a read is the outer one's");
            ReadReplies.admit(replies);
            send(replies, "bb");
        }
        assertEquals(List.of("TEXT[1 bytes] last", "end", "TEXT[2 bytes] last", "end"), writer.ends());
    }

    @Test
    void aSocketThatFailsDuringTheReadStillWritesWhatItSentBefore() {
        // a listener echoes, then a CDI observer of the same message throws: the socket fails
        try (ReadReplies read = ReadReplies.open()) {
            ReadReplies.admit(replies);
            send(replies, "boom");
            replies.release();
            assertEquals(List.of("TEXT[4 bytes] last", "end", "close"), writer.ends());
        }
        assertEquals(List.of("TEXT[4 bytes] last", "end", "close"), writer.ends(), "nothing after the close");
    }

    @Test
    void whatTheEndOfTheReadMakesSendGoesOutToo() {
        // as an answer sent when our Close was written: a send from inside the read's own hand-over
        OutboundQueue[] queue = new OutboundQueue[1];
        RecordingWriter sendsOnce = new RecordingWriter() {
            private boolean sent;

            @Override
            public synchronized void write(Frame frame, Consumer<Throwable> done, boolean more) {
                super.write(frame, done, more);
                if (!sent) {
                    sent = true;
                    send(queue[0], "bb");
                }
            }
        };
        queue[0] = new OutboundQueue(sendsOnce, OutboundQueue.UNBOUNDED);
        try (ReadReplies read = ReadReplies.open()) {
            ReadReplies.admit(queue[0]);
            send(queue[0], "a");
        }
        assertEquals(List.of("TEXT[1 bytes] last", "TEXT[2 bytes] last", "end"), sendsOnce.ends());
        assertEquals(0, queue[0].bufferedAmount(), "nothing left behind");
    }
}
