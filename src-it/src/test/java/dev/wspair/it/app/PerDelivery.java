package dev.wspair.it.app;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** A request-scoped bean: usable only where a request context is active, one instance per delivery. */
@RequestScoped
public class PerDelivery {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
