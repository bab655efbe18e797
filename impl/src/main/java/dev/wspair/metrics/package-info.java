/**
 * Metrics (Micrometer) and tracing (OpenTelemetry), each on when its API is on the class path.
 * Only this package imports them, and its classes that do are loaded only after
 * {@link dev.wspair.metrics.Telemetry#start} found the API; the rest of wspair sees
 * {@link dev.wspair.metrics.Telemetry} and {@link dev.wspair.jakarta.ConnectionMetrics}.
 */
package dev.wspair.metrics;
