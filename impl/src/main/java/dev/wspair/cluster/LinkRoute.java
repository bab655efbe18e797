package dev.wspair.cluster;

import dev.wspair.DurableObjectId;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.objects.ObjectRegistry;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * The owner's end of a link ({@value LinkHeaders#PATH}): a request another node sent for an object
 * that lives here. It must carry the cluster's link token (else 403); the object gets the original
 * request, and a socket it returns is coupled to the link's connection like any client's. A node
 * that does not own the object (any more), or is not in the cluster yet, answers 421 and the entry
 * node asks again who does.
 */
final class LinkRoute implements FetchHandler {

    private static final System.Logger LOG = System.getLogger(LinkRoute.class.getName());

    private final Supplier<Owners> owners;
    private final ObjectRegistry objects;
    private final ClassLoader loader;

    /** @param owners this node's placement, or null before it joined and after it left */
    LinkRoute(Supplier<Owners> owners, ObjectRegistry objects, ClassLoader loader) {
        this.owners = owners;
        this.objects = objects;
        this.loader = loader;
    }

    @Override
    public Response fetch(Request link) throws Exception {
        Owners node = owners.get();
        if (node == null) {
            return new Response("This node is not in the cluster", Links.MISDIRECTED);
        }
        String token = link.header(LinkHeaders.TOKEN);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                node.linkToken().getBytes(StandardCharsets.UTF_8))) {
            return new Response("Not a link of this cluster", 403);
        }
        DurableObjectId id;
        Request original;
        try {
            id = LinkHeaders.id(link);
            original = LinkHeaders.original(link);
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.log(Level.WARNING, "A link request without a Durable Object request: " + e);
            return new Response("Not a Durable Object request: " + e.getMessage(), 400);
        }
        Response answer;
        try {
            answer = objects.fetchForLink(link.header(LinkHeaders.OBJECT), id, original, loader);
        } catch (ClassNotFoundException | ClassCastException e) {
            LOG.log(Level.WARNING, "A link request for " + link.header(LinkHeaders.OBJECT) + ", no Durable Object class here: " + e);
            return new Response("Not a Durable Object class here: " + link.header(LinkHeaders.OBJECT), 400);
        }
        return answer != null ? answer : new Response("The object lives on another node", Links.MISDIRECTED);
    }
}
