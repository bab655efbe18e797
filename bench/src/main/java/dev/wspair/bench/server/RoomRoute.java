package dev.wspair.bench.server;

import dev.wspair.DurableObjectId;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /room/NAME} forwards to the room {@code NAME}; {@code /room/NAME/stats} (plain HTTP)
 * answers {@code instances=N awake=true|false}: how many room instances were created so far and
 * whether that room has one now, so that the bench can check that it hibernated.
 */
@Route("/room/{name}")
@ApplicationScoped
public class RoomRoute implements FetchHandler {

    @Inject
    DurableObjectNamespace<BenchRoom> rooms;

    @Override
    public Response fetch(Request request) throws Exception {
        return rooms.getByName(request.pathParam("name")).fetch(request);
    }

    @Route("/room/{name}/stats")
    @ApplicationScoped
    public static class Stats implements FetchHandler {
        @Inject
        DurableObjectNamespace<BenchRoom> rooms;
        @Inject
        RoomInstances instances;

        @Override
        public Response fetch(Request request) {
            DurableObjectId id = rooms.idFromName(request.pathParam("name"));
            boolean awake = ApplicationRuntime.current().objects().awake(BenchRoom.class, id);
            return new Response("instances=" + instances.count() + " awake=" + awake, 200);
        }
    }
}
