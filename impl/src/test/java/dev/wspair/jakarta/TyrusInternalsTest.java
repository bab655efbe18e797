package dev.wspair.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The Tyrus internals the close handshake reaches ({@link TyrusInternals}) and the prepared-frame
 * writer below them ({@link TyrusWire}) exist in the Tyrus the embedded runtime ships: a Tyrus
 * update that renames or retypes any of them fails here, not silently in production (where the
 * socket would fall back to reporting its own code, D7, Tyrus would answer a peer's Close itself,
 * D8, D9, and text frames would take the JSR-356 path).
 */
class TyrusInternalsTest {

    @Test
    void theAsyncRemoteEndpointOfThisTyrusHasEveryHandle() throws Exception {
        TyrusInternals.resolve(Class.forName("org.glassfish.tyrus.core.TyrusRemoteEndpoint$Async"));
    }

    @Test
    void theFrameWriterBelowTheSocketIsThereToo() throws Exception {
        // TyrusWire: TyrusWebSocket.protocolHandler, ProtocolHandler.writer and client (the socket itself comes from TyrusInternals)
        TyrusWire.Handles.resolve();
    }

    @Test
    void anEmptyCloseIsToldApartFromAnExplicitNormalClosure() throws Exception {
        TyrusInternals tyrus = TyrusInternals.resolve(Class.forName("org.glassfish.tyrus.core.TyrusRemoteEndpoint$Async"));
        // what Tyrus's CloseFrame reports for an empty body, and what it makes of a Close(1000, "Normal closure.")
        assertTrue(tyrus.isEmptyClose(org.glassfish.tyrus.core.CloseReasons.NORMAL_CLOSURE.getCloseReason()));
        assertFalse(tyrus.isEmptyClose(org.glassfish.tyrus.core.CloseReasons.create(CloseReason.CloseCodes.NORMAL_CLOSURE,
                "Normal closure.")));
    }

    @Test
    void aServersCloseIsUnmaskedWithCodeAndReason() {
        assertArrayEquals(new byte[] {(byte) 0x88, 4, 0x0f, (byte) 0xa2, 'o', 'k'},
                bytes(TyrusInternals.closeFrame(new CloseReason(CloseReason.CloseCodes.getCloseCode(4002), "ok"), false)));
    }

    @Test
    void code1005GoesOutAsAnEmptyBody() {
        assertArrayEquals(new byte[] {(byte) 0x88, 0},
                bytes(TyrusInternals.closeFrame(new CloseReason(CloseReason.CloseCodes.NO_STATUS_CODE, ""), false)));
    }

    @Test
    void aClientsCloseIsMasked() {
        byte[] frame = bytes(TyrusInternals.closeFrame(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "x"), true));
        assertEquals(2 + 4 + 3, frame.length);
        assertEquals((byte) 0x88, frame[0]);
        assertEquals((byte) (0x80 | 3), frame[1]);
        byte[] body = new byte[3];
        for (int i = 0; i < 3; i++) {
            body[i] = (byte) (frame[6 + i] ^ frame[2 + (i & 3)]);
        }
        assertArrayEquals(new byte[] {0x03, (byte) 0xe8, 'x'}, body);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
