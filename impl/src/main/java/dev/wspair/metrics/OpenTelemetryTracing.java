package dev.wspair.metrics;

import dev.wspair.engine.DeliveryScope;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.inject.spi.BeanManager;

/** Spans of one application, with its {@code OpenTelemetry} bean's tracer, else the global one's. */
final class OpenTelemetryTracing implements Telemetry.Tracing {

    static final String INSTRUMENTATION = "dev.wspair";
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("wspair.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;
    private final boolean deliveries;

    private OpenTelemetryTracing(Tracer tracer, boolean deliveries) {
        this.tracer = tracer;
        this.deliveries = deliveries;
    }

    static Telemetry.Tracing create(BeanManager beans, boolean deliveries) {
        OpenTelemetry own = Beans.lookup(beans, OpenTelemetry.class);
        Tracer tracer = own != null ? own.getTracer(INSTRUMENTATION) : GlobalOpenTelemetry.getTracer(INSTRUMENTATION);
        return new OpenTelemetryTracing(tracer, deliveries);
    }

    @Override
    public Telemetry.Request request(String route, boolean upgrade) {
        Span span = tracer.spanBuilder(upgrade ? Telemetry.UPGRADE_SPAN : Telemetry.REQUEST_SPAN)
                .setSpanKind(SpanKind.SERVER).setAttribute(ROUTE, route).startSpan();
        return (status, failed) -> {
            span.setAttribute(STATUS, (long) status);
            if (failed || status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        };
    }

    @Override
    public DeliveryScope deliveries(DeliveryScope inner) {
        if (!deliveries) {
            return inner;
        }
        return delivery -> {
            Span span = tracer.spanBuilder(Telemetry.DELIVERY_SPAN).setSpanKind(SpanKind.CONSUMER).startSpan();
            try (Scope current = span.makeCurrent()) {
                inner.deliver(delivery);
            } catch (RuntimeException | Error e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                span.end();
            }
        };
    }
}
