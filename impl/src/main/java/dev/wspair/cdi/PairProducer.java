package dev.wspair.cdi;

import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * {@code @Inject WebSocketPair pair}: a new pair for every injection point. In a bean that lives
 * longer than one connection (an {@code @ApplicationScoped} route), inject {@code
 * Instance<WebSocketPair>} and call {@code get()} per request.
 */
@ApplicationScoped
public class PairProducer {

    @Produces
    @Dependent
    public WebSocketPair newPair() {
        return new WebSocketPair();
    }
}
