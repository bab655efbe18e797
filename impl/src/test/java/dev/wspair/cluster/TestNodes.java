package dev.wspair.cluster;

import dev.wspair.testkit.JdkClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The node processes and clients of one cluster test class, ended together: clients aborted, nodes killed. */
final class TestNodes implements AutoCloseable {

    final List<NodeProcess> nodes = new ArrayList<>();
    private final List<JdkClient> clients = new ArrayList<>();

    /** A client of {@code path} entering by {@code node}, waiting at most {@code timeout} for its handshake. */
    JdkClient connect(NodeProcess node, String path, Duration timeout) throws Exception {
        JdkClient client = new JdkClient(node.webSocket(path), timeout);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (clients) {
            for (JdkClient client : clients) {
                client.socket.abort();
            }
        }
        for (NodeProcess node : nodes) {
            node.close();
        }
    }
}
