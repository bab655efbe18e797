package dev.wspair.cluster;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /boards/{board}}: the board's object, wherever it lives; {@code /boards/-members} the
 * cluster's size; {@code /boards/-settled} whether no partition is moving. With {@code ?as=NAME} the object gets the request with a {@link BoardUser} of that
 * name as its principal (the embedded runtime has no users; an application server's route gets its
 * user from the container).
 */
@Route("/boards/{board}")
@ApplicationScoped
public class BoardRoute implements FetchHandler {

    /** A user as a container gives one: a principal with more than a name, not serializable. */
    static final class BoardUser implements java.security.Principal {
        private final String name;
        final Object session = new Object();

        BoardUser(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    @Inject
    DurableObjectNamespace<Board> boards;

    @Override
    public Response fetch(Request request) throws Exception {
        if (request.pathParam("board").equals("-members")) {
            return new Response(Integer.toString(ApplicationRuntime.current().cluster().members()));
        }
        if (request.pathParam("board").equals("-settled")) {
            return new Response(Boolean.toString(ApplicationRuntime.current().cluster().settled()));
        }
        String user = request.query("as");
        Request asUser = user == null ? request
                : new Request(request.method(), request.url(), request.headers(), request.pathParams(), new BoardUser(user));
        return boards.getByName(request.pathParam("board")).fetch(asUser);
    }
}
