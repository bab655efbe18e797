package dev.wspair.jakarta;

import java.util.function.LongSupplier;

/**
 * What a bridged connection tells its application's metrics: {@link #NONE} when metrics are off
 * (the runtime gives the connection one when its route is known). Called on the container's
 * threads for every message, so an implementation only increments cached counters.
 */
public interface ConnectionMetrics {

    /** Metrics are off: nothing is counted. */
    ConnectionMetrics NONE = new ConnectionMetrics() { };

    /** The connection opened; {@code buffered} says how many bytes wait to be written now. */
    default void opened(LongSupplier buffered) {
    }

    /** A message of {@code bytes} bytes (UTF-8 for text) came from the peer. */
    default void received(long bytes) {
    }

    /** A message of {@code bytes} bytes (UTF-8 for text) is handed to the container for the peer. */
    default void sent(long bytes) {
    }

    /**
     * The connection ended: with the Close {@code code} (1005 for none), or, when {@code failure}
     * is not null, without a closing handshake ({@code failure} names how: {@code failed},
     * {@code write_failed}, {@code lost}; the code is 1006). Only the first call counts.
     */
    default void ended(int code, String failure) {
    }
}
