package dev.wspair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

    @AfterEach
    void reset() {
        System.clearProperty(Compatibility.DATE_PROPERTY);
        System.clearProperty(Compatibility.FLAGS_PROPERTY);
    }

    @Test
    void eachSwitchTurnsOnAtItsDate() {
        Compatibility before = Compatibility.of("2026-04-06");
        Compatibility after = Compatibility.of("2026-04-07");
        assertFalse(before.autoReplyToClose());
        assertTrue(after.autoReplyToClose());
        assertFalse(Compatibility.of("2026-03-02").closeReasonByteLimit());
        assertTrue(Compatibility.of("2026-03-03").closeReasonByteLimit());
        assertFalse(Compatibility.of("2023-08-14").webSocketCompression());
        assertTrue(Compatibility.of("2023-08-15").webSocketCompression());
        assertFalse(Compatibility.of("2099-01-01").pedanticWpt());
        assertFalse(Compatibility.of("2099-01-01").increaseMessageSize());
    }

    @Test
    void flagsOverrideTheDateBothWays() {
        assertTrue(Compatibility.of("2020-01-01", "web_socket_auto_reply_to_close").autoReplyToClose());
        assertFalse(Compatibility.of("2026-08-22", "web_socket_manual_reply_to_close").autoReplyToClose());
        assertFalse(Compatibility.of("2026-08-22", "no_websocket_close_reason_byte_limit").closeReasonByteLimit());
        assertTrue(Compatibility.of("2026-08-22", "pedantic_wpt").pedanticWpt());
        assertTrue(Compatibility.of("2026-08-22", "increase_websocket_message_size").increaseMessageSize());
    }

    @Test
    void badInputGetsAClearError() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Compatibility.of("2026-08-22", "web_socket_auto_reply_to_closed"));
        assertTrue(unknown.getMessage().startsWith("Unknown compatibility flag \"web_socket_auto_reply_to_closed\""),
                unknown.getMessage());
        IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class,
                () -> Compatibility.of("2026-08-22", "pedantic_wpt", "non_pedantic_wpt"));
        assertEquals("Compatibility flags pedantic_wpt and non_pedantic_wpt contradict each other", conflict.getMessage());
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class, () -> Compatibility.of("22/08/2026"));
        assertEquals("Invalid compatibility date \"22/08/2026\": expected YYYY-MM-DD", date.getMessage());
    }

    @Test
    void withoutAnEngineTheSystemPropertiesApply() {
        assertEquals(Compatibility.DEFAULT_DATE, Compatibility.current().date());
        assertTrue(Compatibility.current().autoReplyToClose());

        System.setProperty(Compatibility.DATE_PROPERTY, "2026-01-01");
        System.setProperty(Compatibility.FLAGS_PROPERTY, "pedantic_wpt, no_web_socket_compression");
        Compatibility fromProperties = Compatibility.current();
        assertFalse(fromProperties.autoReplyToClose());
        assertTrue(fromProperties.pedanticWpt());
        assertFalse(fromProperties.webSocketCompression());

        IllegalStateException noEngine = assertThrows(IllegalStateException.class,
                () -> Compatibility.setDefault(Compatibility.of("2026-08-22")));
        assertTrue(noEngine.getMessage().startsWith("No wspair engine on the class path"), noEngine.getMessage());
    }
}
