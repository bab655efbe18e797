package dev.wspair.runtime;

import dev.wspair.ClientOptions;
import dev.wspair.Compatibility;
import dev.wspair.DurableObject;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketImpl;
import dev.wspair.WebSocketProvider;
import dev.wspair.engine.EngineProvider;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@link WebSocketProvider} that {@code ServiceLoader} finds: every call is served by the
 * runtime of the application it comes from ({@link ApplicationRuntime#current()}).
 */
public final class RuntimeProvider extends EngineProvider {

    @Override
    protected WebSocket[] newPairEnds() {
        return CurrentRuntime.get().engine().newPairEnds();
    }

    @Override
    protected WebSocketImpl connect(WebSocket webSocket, String url, List<String> protocols, boolean protocolsGivenAsList,
            ClientOptions options) {
        return CurrentRuntime.get().connector().connect(webSocket, url, protocols, protocolsGivenAsList, options);
    }

    @Override
    protected CompletionStage<Response> fetchUpgrade(String url, ClientOptions options) {
        return CurrentRuntime.get().connector().fetch(url, options);
    }

    @Override
    protected <T> T readJson(String text, Class<T> type) {
        return CurrentRuntime.get().json().read(text, type);
    }

    @Override
    protected String writeJson(Object value) {
        return CurrentRuntime.get().json().write(value);
    }

    @Override
    protected Compatibility currentCompatibility() {
        return CurrentRuntime.get().compatibility();
    }

    @Override
    protected void setCurrentCompatibility(Compatibility compatibility) {
        CurrentRuntime.get().setCompatibility(compatibility);
    }

    @Override
    protected <T extends DurableObject> DurableObjectNamespace<T> namespace(Class<T> type) {
        return CurrentRuntime.get().objects().namespace(type);
    }
}
