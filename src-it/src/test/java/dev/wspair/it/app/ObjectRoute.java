package dev.wspair.it.app;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /object/{name}}: the {@link CountedObject} of that name answers. */
@Route("/object/{name}")
@ApplicationScoped
public class ObjectRoute implements FetchHandler {

    @Inject
    DurableObjectNamespace<CountedObject> objects;

    @Override
    public Response fetch(Request request) throws Exception {
        return objects.getByName(request.pathParam("name")).fetch(request);
    }
}
