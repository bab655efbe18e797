package dev.wspair.bench.server;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /room} forwards to the room named "room"; {@code /room-stats} (plain HTTP) answers
 * {@code instances=N awake=true|false}: how many room instances were created so far and whether the
 * room has one now, so that the bench can check that it hibernated. The path has no parameter, as
 * the raw endpoint's has none (Tyrus keeps a session's path parameters: two map entries more).
 */
@Route("/room")
@ApplicationScoped
public class RoomRoute implements FetchHandler {

    static final String NAME = "room";

    @Inject
    DurableObjectNamespace<BenchRoom> rooms;

    @Override
    public Response fetch(Request request) throws Exception {
        return rooms.getByName(NAME).fetch(request);
    }

    @Route("/room-stats")
    @ApplicationScoped
    public static class Stats implements FetchHandler {
        @Inject
        DurableObjectNamespace<BenchRoom> rooms;
        @Inject
        RoomInstances instances;

        @Override
        public Response fetch(Request request) {
            boolean awake = ApplicationRuntime.current().objects().awake(BenchRoom.class, rooms.idFromName(NAME));
            return new Response("instances=" + instances.count() + " awake=" + awake + " closes=" + instances.closes(), 200);
        }
    }
}
