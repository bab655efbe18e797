package dev.wspair.cluster;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /boards/{board}}: the board's object, wherever it lives; {@code /boards/-members} the cluster's size. */
@Route("/boards/{board}")
@ApplicationScoped
public class BoardRoute implements FetchHandler {

    @Inject
    DurableObjectNamespace<Board> boards;

    @Override
    public Response fetch(Request request) throws Exception {
        if (request.pathParam("board").equals("-members")) {
            return new Response(Integer.toString(ApplicationRuntime.current().cluster().members()));
        }
        return boards.getByName(request.pathParam("board")).fetch(request);
    }
}
