package dev.wspair.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.DurableObjectState;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.EchoRoute;
import dev.wspair.testkit.JdkClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A scripted session on the embedded runtime, then the application's {@code MeterRegistry} and
 * {@code OpenTelemetry} beans are read: what each hook counted and traced.
 */
class MetricsTest {

    /** The application's registry and tracer, as beans (fresh for each test's server). */
    static final class Beans {
        static SimpleMeterRegistry registry;
        static InMemorySpanExporter spans;
        static OpenTelemetrySdk openTelemetry;

        static void reset() {
            registry = new SimpleMeterRegistry();
            spans = InMemorySpanExporter.create();
            openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        }

        @Produces
        MeterRegistry registry() {
            return registry;
        }

        @Produces
        OpenTelemetry openTelemetry() {
            return openTelemetry;
        }
    }

    /** {@code /broken}: its handler throws. */
    @Route("/broken")
    @ApplicationScoped
    public static class BrokenRoute implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** {@code /same}: only same-origin handshakes reach its handler (the echo's). */
    @Route(value = "/same", allowedOrigins = "same-origin")
    @ApplicationScoped
    public static class SameOriginRoute extends EchoRoute {
    }

    /**
     * A Durable Object that accepts every upgrade with {@code acceptWebSocket}; a socket's {@code hold}
     * keeps it in a call (so awake) until the test lets it go.
     */
    public static class Counted implements DurableObject {
        static volatile CountDownLatch inCall;
        static volatile CountDownLatch letGo;
        private final DurableObjectState ctx;

        public Counted(DurableObjectState ctx) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, String message) throws Exception {
            if (message.equals("hold")) {
                inCall.countDown();
                ws.send(letGo.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS) ? "let go" : "not let go");
            }
        }

        @Override
        public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
            ws.close(code, "done");
        }
    }

    /** {@code /objects/{name}}: the object of that name. */
    @Route("/objects/{name}")
    @ApplicationScoped
    public static class ObjectsRoute implements FetchHandler {
        @Inject
        DurableObjectNamespace<Counted> counted;

        @Override
        public Response fetch(Request request) throws Exception {
            return counted.getByName(request.pathParam("name")).fetch(request);
        }
    }

    private static EmbeddedServer server(boolean deliveries) throws Exception {
        Beans.reset();
        return EmbeddedServer.builder().beanClasses(EchoRoute.class, BrokenRoute.class, SameOriginRoute.class, Beans.class)
                .setting("wspair.maxMessageSize", "100")
                .setting(Telemetry.DELIVERY_SPANS, Boolean.toString(deliveries)).start();
    }

    @Test
    void countsASessionPerRouteAndDirection() throws Exception {
        try (EmbeddedServer server = server(false)) {
            JdkClient client = new JdkClient(server.webSocketUri("/echo"));
            client.send("hi");
            assertEquals("echo: hi", client.next());
            client.send("héllo");
            assertEquals("echo: héllo", client.next());
            assertEquals(1.0, counter(Telemetry.OPENED).count());
            assertEquals(1.0, gauge(Telemetry.ACTIVE).value());
            client.close(4000, "bye");
            Timeouts.until("the close is counted", () -> counterOrNull(Telemetry.CLOSED, "code.class", "4xxx") != null
                    && counterOrNull(Telemetry.CLOSED, "code.class", "4xxx").count() == 1.0);

            assertEquals(0.0, gauge(Telemetry.ACTIVE).value());
            assertEquals(0.0, gauge(Telemetry.SEND_BUFFER).value());
            assertEquals(2.0, counter(Telemetry.MESSAGES, "direction", "in").count());
            assertEquals(2.0, counter(Telemetry.MESSAGES, "direction", "out").count());
            assertEquals(2.0 + 6.0, counter(Telemetry.PAYLOAD, "direction", "in").count(), "hi, héllo in UTF-8");
            assertEquals(8.0 + 12.0, counter(Telemetry.PAYLOAD, "direction", "out").count(), "echo: hi, echo: héllo");
            assertNull(Beans.registry.find(Telemetry.ERRORS).counter(), "no error in a clean session");
            assertEquals(1, Beans.registry.find(Telemetry.CLOSED).counters().size(), "one code class only");
        }
    }

    @Test
    void countsErrorsOfConnectionsAndHandlers() throws Exception {
        try (EmbeddedServer server = server(false)) {
            JdkClient client = new JdkClient(server.webSocketUri("/echo"));
            client.send("x".repeat(101));
            assertTrue(client.closed.get(Timeouts.EVENT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .startsWith("1009"));
            Timeouts.until("the failure is counted", () -> counterOrNull(Telemetry.ERRORS, "kind", "failed") != null);
            assertEquals(1.0, counter(Telemetry.ERRORS, "kind", "failed").count());
            assertEquals(1.0, counter(Telemetry.CLOSED, "code.class", "1xxx").count());
            assertEquals(0.0, counter(Telemetry.MESSAGES, "direction", "in").count(), "a message over the limit is none");

            assertEquals(500, get(server.uri().resolve("/broken")));
            // counted once the 500 was handed to the container, which may be after the client has it
            Timeouts.until("the handler's failure is counted", () -> {
                Counter handler = Beans.registry.find(Telemetry.ERRORS).tags("route", "/broken", "kind", "handler").counter();
                return handler != null && handler.count() == 1.0;
            });
        }
    }

    @Test
    void tracesUpgradesRequestsAndDeliveries() throws Exception {
        try (EmbeddedServer server = server(true)) {
            assertEquals(426, get(server.uri().resolve("/echo")));
            JdkClient client = new JdkClient(server.webSocketUri("/echo"));
            client.send("hi");
            assertEquals("echo: hi", client.next());
            client.close(1000, "done");
            assertEquals(500, get(server.uri().resolve("/broken")));
            Timeouts.until("the deliveries of hi and the close are traced",
                    () -> spans(Telemetry.DELIVERY_SPAN).size() >= 2);
            // a request's span ends once its answer was handed to the container, which may be after the client has it
            Timeouts.until("both requests are traced", () -> spans(Telemetry.REQUEST_SPAN).size() == 2);

            SpanData plain = only(spans(Telemetry.REQUEST_SPAN).stream()
                    .filter(s -> "/echo".equals(s.getAttributes().get(OpenTelemetryTracing.ROUTE))).toList());
            assertEquals(426L, plain.getAttributes().get(OpenTelemetryTracing.STATUS));
            SpanData upgrade = only(spans(Telemetry.UPGRADE_SPAN));
            assertEquals("/echo", upgrade.getAttributes().get(OpenTelemetryTracing.ROUTE));
            assertEquals(101L, upgrade.getAttributes().get(OpenTelemetryTracing.STATUS));
            assertEquals(StatusCode.UNSET, upgrade.getStatus().getStatusCode());
            SpanData broken = only(spans(Telemetry.REQUEST_SPAN).stream()
                    .filter(s -> "/broken".equals(s.getAttributes().get(OpenTelemetryTracing.ROUTE))).toList());
            assertEquals(500L, broken.getAttributes().get(OpenTelemetryTracing.STATUS));
            assertEquals(StatusCode.ERROR, broken.getStatus().getStatusCode());
        }
    }

    @Test
    void tracesRefusedHandshakesWithTheirStatus() throws Exception {
        try (EmbeddedServer server = server(false)) {
            HttpClient http = HttpClient.newHttpClient();
            java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> http.newWebSocketBuilder().header("Origin", "https://elsewhere.example")
                            .buildAsync(server.webSocketUri("/same"), new java.net.http.WebSocket.Listener() { })
                            .get(Timeouts.EVENT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused::toString);
            assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> http.newWebSocketBuilder().buildAsync(server.webSocketUri("/broken"),
                            new java.net.http.WebSocket.Listener() { })
                            .get(Timeouts.EVENT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            Timeouts.until("both handshakes are traced", () -> spans(Telemetry.UPGRADE_SPAN).size() == 2);

            SpanData same = only(spans(Telemetry.UPGRADE_SPAN).stream()
                    .filter(s -> "/same".equals(s.getAttributes().get(OpenTelemetryTracing.ROUTE))).toList());
            assertEquals(403L, same.getAttributes().get(OpenTelemetryTracing.STATUS));
            assertEquals(StatusCode.UNSET, same.getStatus().getStatusCode());
            SpanData broken = only(spans(Telemetry.UPGRADE_SPAN).stream()
                    .filter(s -> "/broken".equals(s.getAttributes().get(OpenTelemetryTracing.ROUTE))).toList());
            assertEquals(500L, broken.getAttributes().get(OpenTelemetryTracing.STATUS));
            assertEquals(StatusCode.ERROR, broken.getStatus().getStatusCode());
            assertEquals(0.0, Beans.registry.find(Telemetry.OPENED).counters().stream().mapToDouble(Counter::count).sum(),
                    "no connection opened");
        }
    }

    @Test
    void tracesNoDeliveryByDefault() throws Exception {
        try (EmbeddedServer server = server(false)) {
            JdkClient client = new JdkClient(server.webSocketUri("/echo"));
            client.send("hi");
            assertEquals("echo: hi", client.next());
            client.close(1000, "done");
            assertEquals(1, spans(Telemetry.UPGRADE_SPAN).size());
            assertEquals(0, spans(Telemetry.DELIVERY_SPAN).size());
        }
    }

    @Test
    void removesItsMetersWhenTheApplicationStops() throws Exception {
        try (EmbeddedServer server = server(false)) {
            new JdkClient(server.webSocketUri("/echo")).close(1000, "done");
            assertEquals(1.0, counter(Telemetry.OPENED).count());
        }
        assertTrue(Beans.registry.getMeters().isEmpty(), () -> "left: " + Beans.registry.getMeters());
    }

    @Test
    void countsObjectsAwakeAndHibernatedAndTheirSockets() throws Exception {
        Beans.reset();
        Counted.inCall = new CountDownLatch(1);
        Counted.letGo = new CountDownLatch(1);
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(ObjectsRoute.class, Beans.class)
                .setting("wspair.objects.hibernateAfter", "PT0.1S").start()) {
            JdkClient a = new JdkClient(server.webSocketUri("/objects/r"));
            JdkClient b = new JdkClient(server.webSocketUri("/objects/r"));
            a.send("hold");
            assertTrue(Counted.inCall.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "the object's call started");
            // in a call, the object cannot hibernate
            assertEquals(1.0, objectGauge(Telemetry.OBJECTS_ACTIVE).value());
            assertEquals(0.0, objectGauge(Telemetry.OBJECTS_HIBERNATED).value());
            assertEquals(2.0, objectGauge(Telemetry.OBJECTS_SOCKETS).value());

            Counted.letGo.countDown();
            assertEquals("let go", a.texts.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
            // the runtime's timer drops the idle instance (within a second or so)
            Timeouts.until("the object hibernates", () -> objectGauge(Telemetry.OBJECTS_HIBERNATED).value() == 1.0);
            assertEquals(0.0, objectGauge(Telemetry.OBJECTS_ACTIVE).value());
            assertEquals(2.0, objectGauge(Telemetry.OBJECTS_SOCKETS).value());

            assertEquals("1000 done", a.close(1000, "bye"));
            assertEquals("1000 done", b.close(1000, "bye"));
            // the close handlers woke the object; a socket is unlisted once its handler returned
            Timeouts.until("both sockets are gone", () -> objectGauge(Telemetry.OBJECTS_SOCKETS).value() == 0.0);
            assertEquals(0.0, objectGauge(Telemetry.OBJECTS_HIBERNATED).value(), "no socket, nothing hibernates");
            Timeouts.until("the woken instance is dropped again", () -> objectGauge(Telemetry.OBJECTS_ACTIVE).value() == 0.0);
            assertEquals(0.0, objectGauge(Telemetry.OBJECTS_HIBERNATED).value());
        }
        assertTrue(Beans.registry.getMeters().isEmpty(), () -> "left: " + Beans.registry.getMeters());
    }

    private static Gauge objectGauge(String name) {
        Gauge gauge = Beans.registry.find(name).tag("namespace", Counted.class.getName()).gauge();
        assertTrue(gauge != null, () -> name + " not in " + Beans.registry.getMetersAsString());
        return gauge;
    }

    private static int get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<SpanData> spans(String name) {
        return Beans.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static SpanData only(List<SpanData> spans) {
        assertEquals(1, spans.size(), () -> "spans: " + spans);
        return spans.get(0);
    }

    private static Counter counterOrNull(String name, String... tags) {
        return Beans.registry.find(name).tag("route", "/echo").tags(tags).counter();
    }

    private static Counter counter(String name, String... tags) {
        Counter counter = counterOrNull(name, tags);
        assertTrue(counter != null, () -> name + " " + List.of(tags) + " not in " + Beans.registry.getMetersAsString());
        return counter;
    }

    private static Gauge gauge(String name) {
        Gauge gauge = Beans.registry.find(name).tag("route", "/echo").gauge();
        assertTrue(gauge != null, () -> name + " not in " + Beans.registry.getMetersAsString());
        return gauge;
    }
}
