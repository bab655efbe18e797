package dev.wspair.it.cluster;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.cluster.Cluster;
import dev.wspair.example.chat.ChatRoom;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /cluster-probe?room=r}: what this node of the test WAR knows of its cluster, {@code
 * members=2 settled=true room=here} (whether the chat room {@code r}'s object lives on this node).
 * Added to the example chat for {@link ClusterIT}; the chat itself is unchanged.
 */
@Route("/cluster-probe")
@ApplicationScoped
public class ClusterProbe implements FetchHandler {

    @Inject
    DurableObjectNamespace<ChatRoom> rooms;

    @Override
    public Response fetch(Request request) {
        ApplicationRuntime runtime = ApplicationRuntime.current();
        Cluster cluster = runtime.cluster();
        if (cluster == null) {
            return new Response("alone");
        }
        String room = request.query("room");
        return new Response("members=" + cluster.members() + " settled=" + cluster.settled()
                + (room == null ? "" : " room=" + (runtime.objects().placement().ownedHere(rooms.idFromName(room))
                        ? "here" : "elsewhere")));
    }
}
