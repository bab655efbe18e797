package dev.wspair.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micrometer and OpenTelemetry are optional: a runtime whose class path lacks them (a class loader
 * over the test class path without their jars) starts and stops, with its telemetry off.
 */
class WithoutTelemetryTest {

    @Test
    void aRuntimeWithoutMicrometerOrOpenTelemetryRunsWithTelemetryOff() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains("micrometer") && !entry.contains("opentelemetry") && !entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader bare = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
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
