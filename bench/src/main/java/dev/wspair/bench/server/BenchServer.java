package dev.wspair.bench.server;

import dev.wspair.embedded.EmbeddedServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.CountDownLatch;

/**
 * One embedded runtime (Tyrus on Grizzly, Weld SE) serving side by side: {@code /raw} and
 * {@code /raw2} (the plain JSR-356 echo, twice, for the A/A control) and {@code /bridge} (the same
 * echo as a Workers-style route through the bridge), {@code /room} (a Durable Object whose
 * sockets are accepted with {@code acceptWebSocket}: {@link BenchRoom}) and {@code /room-stats}, and {@code
 * /raw-fanout} (the same fan-out as the room's on plain JSR-356: {@link RawFanOut}).
 * Set {@code -Dwspair.objects.hibernateAfter} to let rooms hibernate sooner than after 10 s.
 *
 * <p>{@code java dev.wspair.bench.server.BenchServer [port]} prints {@code bench-server port N pid P}
 * once it listens and stops on SIGTERM or when its standard input ends.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        EmbeddedServer server = EmbeddedServer.builder()
                .port(port)
                .beanClasses(EchoRoute.class, RoomRoute.class, RoomRoute.Stats.class, RoomInstances.class)
                .endpoints(ServerEndpointConfig.Builder.create(RawEcho.class, "/raw").build(),
                        ServerEndpointConfig.Builder.create(RawEcho.class, "/raw2").build(),
                        RawFanOut.config("/raw-fanout"))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "bench-server-shutdown"));
        System.out.println("bench-server port " + server.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        stopped.await();
    }
}
