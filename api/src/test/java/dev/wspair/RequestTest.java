package dev.wspair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void headerNamesThatDifferOnlyInCaseAreMergedInTheOrderGiven() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("text/plain"));
        headers.put("accept", List.of("application/json", "*/*"));
        headers.put("Upgrade", List.of("websocket"));
        Request request = new Request("GET", URI.create("http://h/x"), headers, Map.of(), null);

        assertEquals(List.of("text/plain", "application/json", "*/*"), request.headers().get("ACCEPT"));
        assertEquals("text/plain, application/json, */*", request.header("accept"));
        assertEquals("websocket", request.header("upgrade"));
        assertNull(request.header("Origin"));
        assertEquals(2, request.headers().size());
    }

    @Test
    void laterChangesToTheGivenHeadersDoNotReachTheRequest() {
        List<String> values = new ArrayList<>(List.of("a"));
        Map<String, List<String>> headers = new LinkedHashMap<>(Map.of("X-Tag", values));
        Request request = new Request("GET", URI.create("http://h/x"), headers, Map.of(), null);
        values.add("b");
        headers.put("X-Other", List.of("c"));

        assertEquals(List.of("a"), request.headers().get("x-tag"));
        assertEquals(1, request.headers().size());
        assertThrows(UnsupportedOperationException.class, () -> request.headers().get("x-tag").add("d"));
        assertThrows(UnsupportedOperationException.class, () -> request.headers().put("y", List.of()));
    }
}
