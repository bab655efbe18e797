package dev.wspair.client;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.Writer;

/**
 * One client connection of a {@link SharedTransport}: writes Tyrus's upgrade request, reads the
 * response's head and gives it to Tyrus, then hands every byte read to the Tyrus connection. What
 * reaches Tyrus (the bytes read, the connection's end) runs one at a time, in order, whichever thread
 * brings it: Grizzly reads a connection on one worker at a time, but its end may come from another.
 */
final class UpgradeFilter extends BaseFilter {

    private static final System.Logger LOG = System.getLogger(UpgradeFilter.class.getName());
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    /** A response head longer than this is not a WebSocket handshake's answer. */
    private static final int MAX_HEAD = 64 * 1024;

    private final ClientEngine engine;
    private final UpgradeRequest request;
    private final MemoryManager<?> memory;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** The response's head read so far; only the thread running the tasks touches it. */
    private byte[] head = new byte[0];
    /** Tyrus's connection once the handshake succeeded; only the tasks touch it. */
    private org.glassfish.tyrus.spi.Connection upgraded;
    /** The handshake was answered or failed; only the tasks touch it. */
    private boolean answered;

    UpgradeFilter(ClientEngine engine, UpgradeRequest request, MemoryManager<?> memory) {
        this.engine = engine;
        this.request = request;
        this.memory = memory;
    }

    @Override
    public NextAction handleConnect(FilterChainContext ctx) {
        ctx.write(Buffers.wrap(memory, requestHead(request)));
        return ctx.getStopAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Buffer buffer = ctx.getMessage();
        // Tyrus keeps an unfinished frame's bytes: the buffer is not given back to Grizzly's pool
        ByteBuffer bytes = buffer.toByteBuffer();
        Connection<?> connection = ctx.getConnection();
        run(() -> read(connection, bytes));
        return ctx.getStopAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        run(this::ended);
        return ctx.getStopAction();
    }

    /** Runs {@code task} after the tasks before it; the thread that finds none running runs them all. */
    private void run(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        do {
            try {
                tasks.poll().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A client connection's read or end failed", e);
            }
        } while (pending.decrementAndGet() != 0);
    }

    private void read(Connection<?> connection, ByteBuffer bytes) {
        if (upgraded != null) {
            upgraded.getReadHandler().handle(bytes);
            return;
        }
        if (answered) {
            return;
        }
        byte[] more = new byte[bytes.remaining()];
        bytes.get(more);
        byte[] sofar = Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, sofar, head.length, more.length);
        head = sofar;
        int end = indexOf(head, HEAD_END);
        if (end < 0) {
            if (head.length > MAX_HEAD) {
                fail(connection, new IOException("The answer to the WebSocket handshake has no end of its head"));
            }
            return;
        }
        TyrusUpgradeResponse response;
        try {
            response = parse(new String(head, 0, end, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            fail(connection, e);
            return;
        }
        ByteBuffer rest = ByteBuffer.wrap(head, end + HEAD_END.length, head.length - end - HEAD_END.length);
        head = null;
        answered = true;
        ConnectionWriter writer = new ConnectionWriter(connection, memory);
        ClientEngine.ClientUpgradeInfo info = engine.processResponse(response, writer, reason -> writer.close());
        switch (info.getUpgradeStatus()) {
            case SUCCESS:
                upgraded = info.createConnection();
                if (rest.hasRemaining()) {
                    upgraded.getReadHandler().handle(rest);
                }
                break;
            case ANOTHER_UPGRADE_REQUEST_REQUIRED:
                writer.close();
                engine.processError(new IOException("The shared client transport follows no redirect and no "
                        + "authentication challenge (status " + response.getStatus() + ")"));
                break;
            default:
                writer.close();
                break;
        }
    }

    private void fail(Connection<?> connection, IOException failure) {
        answered = true;
        head = null;
        connection.closeSilently();
        engine.processError(failure);
    }

    private void ended() {
        if (upgraded != null) {
            org.glassfish.tyrus.spi.Connection connection = upgraded;
            upgraded = null;
            answered = true;
            connection.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
        } else if (!answered) {
            answered = true;
            engine.processError(new IOException("The connection ended before the WebSocket handshake was answered"));
        }
    }

    /** The HTTP request of the handshake, as Tyrus's Grizzly client writes it. */
    static byte[] requestHead(UpgradeRequest request) {
        URI uri = URI.create(request.getRequestUri());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder("GET ").append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            host |= header.getKey().equalsIgnoreCase("Host");
            head.append(header.getKey()).append(": ").append(String.join(", ", header.getValue())).append("\r\n");
        }
        if (!host) {
            head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The status line and headers of an HTTP response head (without its empty line). */
    static TyrusUpgradeResponse parse(String head) throws IOException {
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("Not an HTTP response: " + lines[0]);
        }
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        try {
            response.setStatus(Integer.parseInt(status[1]));
        } catch (NumberFormatException e) {
            throw new IOException("Not an HTTP status: " + lines[0], e);
        }
        response.setReasonPhrase(status.length > 2 ? status[2] : "");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("Not an HTTP header: " + lines[i]);
            }
            String name = lines[i].substring(0, colon).trim();
            List<String> values = Utils.parseHeaderValue(lines[i].substring(colon + 1).trim());
            List<String> known = response.getHeaders().get(name);
            if (known == null) {
                response.getHeaders().put(name, values);
            } else {
                known.addAll(values);
            }
        }
        return response;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Tyrus's writes go to the Grizzly connection's queue, in order; its close ends the connection once they went. */
    private static final class ConnectionWriter extends Writer {
        private final Connection<?> connection;
        private final MemoryManager<?> memory;

        ConnectionWriter(Connection<?> connection, MemoryManager<?> memory) {
            this.connection = connection;
            this.memory = memory;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> done) {
            if (!connection.isOpen()) {
                done.failed(new IOException("The connection is closed"));
                return;
            }
            ((Connection) connection).write(Buffers.wrap(memory, buffer), new EmptyCompletionHandler<WriteResult>() {
                @Override
                public void completed(WriteResult result) {
                    done.completed(buffer);
                }

                @Override
                public void failed(Throwable failure) {
                    done.failed(failure);
                }
            });
        }

        @Override
        public void close() {
            connection.closeSilently();
        }
    }
}
