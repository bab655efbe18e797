package dev.wspair.conformance;

import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /old/log?id=ID}: the logs of {@link OldPeerRoute}'s connections (one store for both). */
@Route("/old/log")
@ApplicationScoped
public class OldLogRoute extends LogRoute {
}
