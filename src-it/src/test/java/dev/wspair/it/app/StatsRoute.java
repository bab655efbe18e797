package dev.wspair.it.app;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** {@code GET /stats}: the server JVM's live threads, heap used after a full GC, and open bridged connections. */
@Route("/stats")
@ApplicationScoped
public class StatsRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            heap = Math.min(heap, memory.getHeapMemoryUsage().getUsed());
        }
        return new Response("threads=" + ManagementFactory.getThreadMXBean().getThreadCount() + " heap=" + heap
                + " open=" + ApplicationRuntime.current().bridge().openConnections());
    }
}
