package dev.wspair.conformance;

import dev.wspair.Compatibility;
import dev.wspair.Route;
import dev.wspair.WebSocketPair;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;

/** The peer at {@code /old/peer}, with compatibility date {@value #DATE}: manual reply to Close, no reason limit. */
@Route("/old/peer")
@ApplicationScoped
public class OldPeerRoute extends PeerRoute {

    static final String DATE = "2026-01-01";

    @Override
    protected WebSocketPair newPair() {
        return ApplicationRuntime.current().engine().withCompatibility(Compatibility.of(DATE)).newPair();
    }
}
