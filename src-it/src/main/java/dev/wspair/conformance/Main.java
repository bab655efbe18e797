package dev.wspair.conformance;

import dev.wspair.Compatibility;
import dev.wspair.embedded.EmbeddedServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar conformance-peer.jar --port N [--compatibility-date YYYY-MM-DD]
 * [--compatibility-flags a,b]}: the conformance peer on the embedded runtime, on 127.0.0.1. Prints
 * {@code listening on ws://127.0.0.1:N} when ready; SIGTERM closes every connection and exits 0.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        String date = Compatibility.DEFAULT_DATE.toString();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(required(args[i], value));
                    i++;
                    break;
                case "--compatibility-date":
                    date = required(args[i], value);
                    i++;
                    break;
                case "--compatibility-flags":
                    flags.addAll(Arrays.asList(required(args[i], value).split(",")));
                    i++;
                    break;
                default:
                    System.err.println("usage: java -jar conformance-peer.jar --port N "
                            + "[--compatibility-date YYYY-MM-DD] [--compatibility-flags a,b]");
                    System.exit(2);
            }
        }
        Compatibility compatibility = Compatibility.of(date, flags.toArray(String[]::new));
        // The objects peer's objects live as long as the process (workerd's preventEviction).
        EmbeddedServer server = EmbeddedServer.builder().port(port).compatibility(compatibility)
                .setting("wspair.objects.hibernateAfter", "P3650D")
                .beanClasses(PeerRoute.class, LogRoute.class, OldPeerRoute.class, OldLogRoute.class, PeerLogs.class,
                        ObjectsPeerRoute.class).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        }, "peer-shutdown"));
        System.out.println("listening on ws://127.0.0.1:" + server.port());
        System.out.flush();
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
