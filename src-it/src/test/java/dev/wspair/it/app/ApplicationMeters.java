package dev.wspair.it.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The application's {@code MeterRegistry} bean, as an application that reports its metrics would
 * have one (wspair counts into it rather than into Micrometer's global registry).
 */
@ApplicationScoped
public class ApplicationMeters {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Dependent: a normal scope would need a client proxy of the registry's class. */
    @Produces
    @Dependent
    MeterRegistry registry() {
        return registry;
    }
}
