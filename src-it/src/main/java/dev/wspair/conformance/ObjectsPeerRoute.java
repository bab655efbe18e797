package dev.wspair.conformance;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The objects peer's entry (the protocol in {@code src-it/workerd/objects.js}'s header, as its default
 * export): {@code /objects/NAME/connect|log|sockets} goes to the object {@code NAME} unchanged.
 */
@Route("/objects/{name}/{what}")
@ApplicationScoped
public class ObjectsPeerRoute implements FetchHandler {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> PATHS = Set.of("connect", "log", "sockets");

    @Inject
    DurableObjectNamespace<ObjectsPeer> objects;

    @Override
    public Response fetch(Request request) throws Exception {
        if (!PATHS.contains(request.pathParam("what"))) {
            return ObjectsPeer.text(404, "not found");
        }
        if (!NAME.matcher(request.pathParam("name")).matches()) {
            return ObjectsPeer.text(400, "bad object name");
        }
        return objects.getByName(request.pathParam("name")).fetch(request);
    }
}
