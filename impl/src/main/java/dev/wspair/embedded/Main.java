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
 * [--compatibility-date YYYY-MM-DD] [--compatibility-flags a,b] [--tls-keystore FILE
 * --tls-password-env VAR]}. Prints the URL once it listens; stops on SIGTERM or Ctrl-C, closing
 * every connection with 1001.
 *
 * <p>With {@code --tls-keystore} (a PKCS12 file) it serves {@code https} and {@code wss} only; the
 * keystore's password is read from the environment variable named by {@code --tls-password-env},
 * never from the command line, where other users of the machine could read it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer.Builder builder = EmbeddedServer.builder();
        String date = null;
        List<String> flags = new ArrayList<>();
        String keystore = null;
        String passwordVariable = null;
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
                case "--tls-keystore":
                    keystore = value;
                    break;
                case "--tls-password-env":
                    passwordVariable = value;
                    break;
                default:
                    usage("unknown option " + args[i]);
            }
        }
        if (date != null || !flags.isEmpty()) {
            builder.compatibility(Compatibility.of(date != null ? date : Compatibility.DEFAULT_DATE.toString(),
                    flags.toArray(String[]::new)));
        }
        if ((keystore == null) != (passwordVariable == null)) {
            usage("--tls-keystore and --tls-password-env go together");
        }
        if (keystore != null) {
            String password = System.getenv(passwordVariable);
            if (password == null) {
                usage("the environment variable " + passwordVariable + " (--tls-password-env) is not set");
            }
            builder.tls(Path.of(keystore), password.toCharArray());
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
                + "[--compatibility-date YYYY-MM-DD] [--compatibility-flags a,b] "
                + "[--tls-keystore FILE.p12 --tls-password-env VARIABLE]");
        System.exit(2);
    }
}
