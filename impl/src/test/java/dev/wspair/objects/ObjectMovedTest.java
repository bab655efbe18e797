package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.Request;
import dev.wspair.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An object whose id another node owns now (its partition migrated while both nodes live) refuses
 * the next call: the call does not run, the old instance's sockets are closed with 1012 "service
 * restart", and a later request for the id goes to the owner. {@code ANodeJoinsTest} shows the same
 * on real nodes.
 */
class ObjectMovedTest {

    @Test
    void theOldInstanceRefusesTheCallAfterItsOwnerChangedAndClosesItsSocketsWith1012() throws Exception {
        try (ObjectHarness harness = new ObjectHarness()) {
            ObjectHarness.Client client = harness.connect("r", "room");
            client.socket.send("room:before");
            assertEquals("message room:before rs1", harness.logged());
            assertEquals("room:before", client.next());

            AtomicBoolean elsewhere = new AtomicBoolean();
            harness.runtime.objects().place(new Placement() {
                @Override
                public boolean ownedHere(DurableObjectId id) {
                    return !elsewhere.get();
                }

                @Override
                public boolean movedAway(DurableObjectId id) {
                    return elsewhere.get();
                }

                @Override
                public Response forwardUnlessHere(Class<? extends DurableObject> type, DurableObjectId id, Request request) {
                    return elsewhere.get() ? new Response("from the new owner", 200) : null;
                }
            });
            elsewhere.set(true);
            client.socket.send("room:after");
            assertEquals("close 1012 service restart", client.next(), "the old instance's socket is told to reconnect");
            assertNull(harness.probe.log.poll(), "the call that found the object moved did not run");
            assertEquals("from the new owner", harness.fetch("r", Map.of()).body(),
                    "a later request for the id goes to its owner");
        }
    }
}
