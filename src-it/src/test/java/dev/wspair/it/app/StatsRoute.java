package dev.wspair.it.app;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;

/**
 * {@code GET /stats}: the server JVM's live threads, heap used after a full GC, and open bridged
 * connections. {@code GET /stats?threads}: the stacks of the server's threads that are inside
 * wspair or Tyrus code, for a test that finds a connection not ending.
 */
@Route("/stats")
@ApplicationScoped
public class StatsRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        if ("threads".equals(request.url().getRawQuery())) {
            return new Response(threadsInsideWspairOrTyrus());
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            heap = Math.min(heap, memory.getHeapMemoryUsage().getUsed());
        }
        return new Response("threads=" + ManagementFactory.getThreadMXBean().getThreadCount() + " heap=" + heap
                + " open=" + ApplicationRuntime.current().bridge().openConnections());
    }

    private static String threadsInsideWspairOrTyrus() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            StackTraceElement[] stack = thread.getStackTrace();
            boolean ours = false;
            for (StackTraceElement frame : stack) {
                ours |= frame.getClassName().startsWith("dev.wspair.") && !frame.getClassName().startsWith("dev.wspair.it.")
                        || frame.getClassName().startsWith("org.glassfish.tyrus.");
            }
            if (ours) {
                dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 40); i++) {
                    dump.append("  at ").append(stack[i]).append('\n');
                }
            }
        }
        return dump.length() == 0 ? "no thread inside wspair or Tyrus" : dump.toString();
    }
}
