package dev.wspair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** The API jar alone: no engine, so a pair cannot be made; the value types work. */
class ApiWithoutEngineTest {

    @Test
    void aPairWithoutTheEngineExplainsWhatToAdd() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, WebSocketPair::new);
        assertTrue(missing.getMessage().contains("dev.wspair:wspair-impl"), missing.getMessage());
    }

    @Test
    void binaryMessageDataIsReadOnlyAndCopiesAreIndependent() {
        MessageEvent event = new MessageEvent(null, new byte[] {1, 2});
        ByteBuffer data = (ByteBuffer) event.data();
        assertThrows(ReadOnlyBufferException.class, () -> data.put(0, (byte) 9));
        event.bytes()[0] = 9;
        assertEquals(1, event.buffer().get(0));
        assertFalse(event.isText());
        assertThrows(IllegalStateException.class, event::text);
    }

    @Test
    void eventsPrintTheirShapeButNeverTheirContent() {
        assertEquals("MessageEvent[text, 6 chars]", new MessageEvent(null, "secret").toString());
        assertEquals("MessageEvent[binary, 2 bytes]", new MessageEvent(null, new byte[2]).toString());
        assertEquals("CloseEvent[code=1000, reason=bye, wasClean=true]", new CloseEvent(null, 1000, "bye", true).toString());
    }

    @Test
    void acceptOptions() {
        assertEquals(java.util.Optional.empty(), AcceptOptions.DEFAULT.allowHalfOpen());
        assertEquals(java.util.Optional.of(true), AcceptOptions.allowHalfOpen(true).allowHalfOpen());
        assertEquals("{allowHalfOpen: false}", AcceptOptions.allowHalfOpen(false).toString());
    }
}
