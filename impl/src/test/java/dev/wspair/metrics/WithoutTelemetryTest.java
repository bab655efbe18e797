package dev.wspair.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.testkit.ClassPathWithout;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Micrometer and OpenTelemetry are optional: a runtime whose class path lacks them (a class loader
 * over the test class path without their jars) starts and stops, with its telemetry off.
 */
class WithoutTelemetryTest {

    @Test
    void aRuntimeWithoutMicrometerOrOpenTelemetryRunsWithTelemetryOff() throws Exception {
        try (URLClassLoader bare = ClassPathWithout.loader("micrometer", "opentelemetry")) {
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("io.micrometer.core.instrument.MeterRegistry"));
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("io.opentelemetry.api.GlobalOpenTelemetry"));
            Class<?> runtimeType = bare.loadClass("dev.wspair.runtime.ApplicationRuntime");
            Object builder = runtimeType.getMethod("builder", String.class).invoke(null, "bare");
            AutoCloseable runtime = (AutoCloseable) builder.getClass().getMethod("start").invoke(builder);
            try {
                Object telemetry = runtimeType.getMethod("telemetry").invoke(runtime);
                assertFalse((Boolean) telemetry.getClass().getMethod("metered").invoke(telemetry));
                assertFalse((Boolean) telemetry.getClass().getMethod("traced").invoke(telemetry));
                assertTrue(telemetry == telemetry.getClass().getField("OFF").get(null), "Telemetry.OFF");
                Object connection = telemetry.getClass().getMethod("connection", String.class).invoke(telemetry, "/x");
                assertEquals(bare.loadClass("dev.wspair.jakarta.ConnectionMetrics").getField("NONE").get(null), connection);
            } finally {
                runtime.close();
            }
        }
    }
}
