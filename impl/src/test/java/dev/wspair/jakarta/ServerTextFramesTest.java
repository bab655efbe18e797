package dev.wspair.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shared frame of a text message: RFC 6455's server framing, made once per string. */
class ServerTextFramesTest {

    @Test
    void eachLengthFormAsRfc6455Writes() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0}, ServerTextFrames.encode(""));
        assertArrayEquals(header(0x81, 125), prefix(ServerTextFrames.encode("x".repeat(125)), 2));
        assertArrayEquals(header(0x81, 126, 0, 126), prefix(ServerTextFrames.encode("x".repeat(126)), 4));
        assertArrayEquals(header(0x81, 126, 0xff, 0xff), prefix(ServerTextFrames.encode("x".repeat(65_535)), 4));
        assertArrayEquals(header(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0), prefix(ServerTextFrames.encode("x".repeat(65_536)), 10));
        byte[] utf8 = "é€𝄞".getBytes(StandardCharsets.UTF_8);
        byte[] frame = ServerTextFrames.encode("é€𝄞");
        assertArrayEquals(header(0x81, utf8.length), prefix(frame, 2));
        assertArrayEquals(utf8, java.util.Arrays.copyOfRange(frame, 2, frame.length));
    }

    @Test
    void aLoneSurrogateIsLeftToTheContainer() {
        assertNull(ServerTextFrames.encode("a\uD800b"));
        assertNull(new ServerTextFrames().of("\uDC00"));
    }

    @Test
    void theSameStringIsFramedOnceAndAnotherReplacesIt() {
        ServerTextFrames frames = new ServerTextFrames();
        String message = "hello";
        byte[] first = frames.of(message);
        assertSame(first, frames.of(message), "the same string: the same bytes, not encoded again");
        String equal = new String(message.toCharArray());
        byte[] second = frames.of(equal);
        assertArrayEquals(first, second, "an equal string that is another object is encoded again");
        assertSame(second, frames.of(equal));
    }

    @Test
    void theMessagesOfABatchAlternatingPerSocketAreEachFramedOnce() {
        ServerTextFrames frames = new ServerTextFrames();
        java.util.List<String> batch = new java.util.ArrayList<>();
        for (int i = 0; i < ServerTextFrames.SIZE; i++) {
            batch.add("m" + i);
        }
        java.util.List<byte[]> first = batch.stream().map(frames::of).toList();
        for (int socket = 0; socket < 3; socket++) {
            for (int i = 0; i < batch.size(); i++) {
                assertSame(first.get(i), frames.of(batch.get(i)), "socket " + socket + ", message " + i);
            }
        }
        frames.of("one more");
        assertNotSame(first.get(0), frames.of(batch.get(0)), "the oldest was replaced");
    }

    private static byte[] header(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static byte[] prefix(byte[] frame, int n) {
        return java.util.Arrays.copyOf(frame, n);
    }
}
