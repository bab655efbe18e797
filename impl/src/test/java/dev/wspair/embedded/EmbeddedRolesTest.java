package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.testkit.EchoRoute;
import dev.wspair.testkit.RawClient;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The embedded runtime has no login and no users. A route that admits only authenticated users
 * would answer every request with 401, so it stops the server from starting, with an error that
 * names the route; routes that need no user (none, {@code @PermitAll}, {@code @DenyAll}) are served
 * as on WildFly and Payara, and a refused request never reaches the handler.
 */
class EmbeddedRolesTest {

    /** How often each handler ran (methods, not fields: the beans see it through CDI's proxy). */
    @ApplicationScoped
    public static class Runs {
        private final AtomicInteger closed = new AtomicInteger();
        private final AtomicInteger opened = new AtomicInteger();

        public AtomicInteger closed() {
            return closed;
        }

        public AtomicInteger opened() {
            return opened;
        }
    }

    @Route("/admin")
    @ApplicationScoped
    @RolesAllowed("admin")
    public static class AdminOnly extends EchoRoute {
    }

    @Route("/members")
    @ApplicationScoped
    @RolesAllowed("**")
    public static class AnyUser extends EchoRoute {
    }

    @Route("/closed")
    @ApplicationScoped
    public static class Closed implements FetchHandler {
        @Inject
        Runs runs;

        @Override
        @DenyAll
        public Response fetch(Request request) {
            runs.closed().incrementAndGet();
            return new EchoRoute().fetch(request);
        }
    }

    /** Admins only, but its fetch is open to everyone: the method's annotation wins. */
    @Route("/opened")
    @ApplicationScoped
    @RolesAllowed("admin")
    public static class Opened implements FetchHandler {
        @Inject
        Runs runs;

        @Override
        @PermitAll
        public Response fetch(Request request) {
            runs.opened().incrementAndGet();
            return new EchoRoute().fetch(request);
        }
    }

    @Test
    void aRouteForAuthenticatedUsersStopsTheStartWithAnErrorThatNamesIt() {
        IOException refused = assertThrows(IOException.class,
                () -> EmbeddedServer.builder().beanClasses(AdminOnly.class).start().close());
        assertEquals("The embedded runtime did not start: The route /admin -> " + AdminOnly.class.getName()
                + " admits only authenticated users (@RolesAllowed([admin]) on " + AdminOnly.class.getName()
                + "), and the embedded runtime has no login and no users: serve it from WildFly or Payara, or leave "
                + "it out of this server's beans", refused.getMessage());

        IOException anyUser = assertThrows(IOException.class,
                () -> EmbeddedServer.builder().beanClasses(AnyUser.class).start().close());
        assertEquals(IllegalStateException.class, anyUser.getCause().getClass());
    }

    @Test
    void denyAllRefusesUpgradesAndPlainRequestsWith403AndTheHandlerNeverRuns() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Runs.class, Closed.class, Opened.class).start()) {
            try (RawClient upgrade = new RawClient(server.port(), "/closed")) {
                assertEquals("HTTP/1.1 403 Forbidden", upgrade.handshakeStatus);
            }
            HttpResponse<String> plain = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.uri().resolve("/closed")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, plain.statusCode());
            assertEquals("Forbidden: /closed is not open to this user", plain.body());

            try (RawClient upgrade = new RawClient(server.port(), "/opened")) {
                assertEquals("HTTP/1.1 101 Switching Protocols", upgrade.handshakeStatus);
                upgrade.sendText("hi");
                assertEquals("echo: hi", upgrade.next().text());
            }
            Runs runs = server.cdi().select(Runs.class).get();
            assertEquals(0, runs.closed().get(), "the refused handler ran");
            assertEquals(1, runs.opened().get());
        }
    }
}
