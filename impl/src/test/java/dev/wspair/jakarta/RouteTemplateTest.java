package dev.wspair.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void aTemplateWithoutParametersMatchesItsOwnPathOnly() {
        RouteTemplate echo = new RouteTemplate("/api/echo");
        assertEquals(Map.of(), echo.match("/api/echo"));
        assertNull(echo.match("/api/echo/"));
        assertNull(echo.match("/api"));
        assertNull(echo.match("/api/echo/more"));
        assertNull(echo.match("/API/echo"));
        assertEquals(Map.of(), new RouteTemplate("/").match("/"));
        assertNull(new RouteTemplate("/").match("/x"));
    }

    @Test
    void parametersMatchOneNonEmptySegmentEachInOrder() {
        RouteTemplate room = new RouteTemplate("/chat/{room}/user/{name}");
        assertEquals(Map.of("room", "lobby", "name", "ada"), room.match("/chat/lobby/user/ada"));
        assertEquals("[room, name]", room.match("/chat/lobby/user/ada").keySet().toString());
        assertNull(room.match("/chat//user/ada"));
        assertNull(room.match("/chat/lobby/users/ada"));
        assertNull(room.match("/chat/lobby/user/ada/"));
        assertNull(room.match("/chat/lobby/user"));
    }

    @Test
    void aSegmentIsEitherLiteralOrAWholeParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RouteTemplate("/chat/x{room}"));
        assertEquals("A route segment is either literal or a whole {name}: /chat/x{room}", e.getMessage());
        assertEquals("A route must start with '/': chat",
                assertThrows(IllegalArgumentException.class, () -> new RouteTemplate("chat")).getMessage());
    }
}
