package dev.wspair.embedded;

import dev.wspair.Compatibility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded runtime with the routes found on the class path:
 * {@code java dev.wspair.embedded.Main [--host H] [--port N] [--static DIR]
 * [--compatibility-date YYYY-MM-DD] [--compatibility-flags a,b]}. Prints the URL once it listens;
 * stops on SIGTERM or Ctrl-C, closing every connection with 1001.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer.Builder builder = EmbeddedServer.builder();
        String date = null;
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value for " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--host":
                    builder.host(value);
                    break;
                case "--port":
                    builder.port(Integer.parseInt(value));
                    break;
                case "--static":
                    builder.staticFiles(Path.of(value));
                    break;
                case "--compatibility-date":
                    date = value;
                    break;
                case "--compatibility-flags":
                    flags.addAll(Arrays.asList(value.split(",")));
                    break;
                default:
                    usage("unknown option " + args[i]);
            }
        }
        if (date != null || !flags.isEmpty()) {
            builder.compatibility(Compatibility.of(date != null ? date : Compatibility.DEFAULT_DATE.toString(),
                    flags.toArray(String[]::new)));
        }
        EmbeddedServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "wspair-shutdown"));
        System.out.println("wspair is listening on " + server.uri());
        System.out.flush();
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java dev.wspair.embedded.Main [--host H] [--port N] [--static DIR] "
                + "[--compatibility-date YYYY-MM-DD] [--compatibility-flags a,b]");
        System.exit(2);
    }
}
