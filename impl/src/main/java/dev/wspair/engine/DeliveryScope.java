package dev.wspair.engine;

/**
 * What surrounds the delivery of each inbound frame and its events: nothing by default; on a
 * Jakarta EE runtime, an active CDI request context.
 */
@FunctionalInterface
public interface DeliveryScope {

    DeliveryScope NONE = Runnable::run;

    /** Runs {@code delivery} inside the scope. */
    void deliver(Runnable delivery);
}
