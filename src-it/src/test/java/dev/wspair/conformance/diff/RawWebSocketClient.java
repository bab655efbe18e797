package dev.wspair.conformance.diff;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * A WebSocket client on a plain {@link Socket} that sees the wire exactly: frames are written by
 * hand (masked, as a client must), and every frame received is decoded and recorded, as is the end
 * of the TCP connection. Nothing is answered automatically (no Close echo, no Pong): the scenario
 * decides.
 *
 * <p>What is recorded, in order, as JSON objects (the form the differ compares):
 * <ul>
 * <li>{@code {"frame":"text","data":"..."}} (or {@code "hex"} when the payload is not UTF-8)</li>
 * <li>{@code {"frame":"binary","hex":"00ff"}}</li>
 * <li>{@code {"frame":"close","code":1000,"reason":"bye"}} or {@code {"frame":"close","empty":true}}
 * (a one-byte body gives {@code "hex"})</li>
 * <li>{@code {"frame":"ping"|"pong"|"continuation"|"opcode-N",...}}</li>
 * <li>{@code {"end":"eof"|"reset"|"error","afterClientClose":true|false}}: the peer ended the TCP
 * connection; {@code afterClientClose} tells whether the client had already sent a Close.</li>
 * </ul>
 * Unusual header bits add {@code "fin":false}, {@code "rsv":n}, {@code "masked":true}.
 */
public final class RawWebSocketClient implements AutoCloseable {

    /** One thing received, with the milliseconds since the connection was opened. */
    public record Received(long atMillis, JsonObject entry) {
        public boolean isEnd() {
            return entry.containsKey("end");
        }

        public boolean isClose() {
            return "close".equals(entry.getString("frame", null));
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long start = System.nanoTime();
    private final int handshakeStatus;
    private final String handshakeResponse;
    private final List<Received> received = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    private volatile boolean sentClose;
    private volatile boolean locallyClosed;
    private boolean ended;
    private long lastActivity = System.nanoTime();

    private RawWebSocketClient(Socket socket, InputStream in, int status, String response) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.handshakeStatus = status;
        this.handshakeResponse = response;
        note("<- HTTP " + status);
        if (status == 101) {
            Thread reader = new Thread(this::readLoop, "raw-ws-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            synchronized (this) {
                ended = true;
            }
        }
    }

    /**
     * Opens {@code pathAndQuery} on the peer at {@code baseUrl} ({@code ws://127.0.0.1:N}) and
     * reads the handshake response. A non-101 answer gives a client that has already ended.
     */
    public static RawWebSocketClient connect(URI baseUrl, String pathAndQuery, int timeoutMillis) throws IOException {
        String host = baseUrl.getHost();
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : 80;
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        byte[] keyBytes = new byte[16];
        RANDOM.nextBytes(keyBytes);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) { // read byte by byte up to CRLFCRLF: nothing of the first frame is consumed
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                socket.close();
                throw new IOException("handshake of " + pathAndQuery + " failed after \""
                        + header.toString(StandardCharsets.ISO_8859_1) + "\"", e);
            }
            if (b < 0) {
                socket.close();
                throw new EOFException("connection ended during the handshake of " + pathAndQuery + ": " + header);
            }
            header.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String response = header.toString(StandardCharsets.ISO_8859_1);
        String statusLine = response.substring(0, response.indexOf('\r'));
        String[] parts = statusLine.split(" ");
        int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        socket.setSoTimeout(0);
        return new RawWebSocketClient(socket, in, status, response);
    }

    public int handshakeStatus() {
        return handshakeStatus;
    }

    public String handshakeResponse() {
        return handshakeResponse;
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    end("eof");
                    return;
                }
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                int rsv = (b0 >> 4) & 7;
                int opcode = b0 & 0x0F;
                boolean masked = (b1 & 0x80) != 0;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                byte[] mask = masked ? readFully(4) : null;
                if (length > Integer.MAX_VALUE - 16) {
                    throw new IOException("frame too large: " + length);
                }
                byte[] payload = readFully((int) length);
                if (masked) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                JsonObjectBuilder entry = Json.createObjectBuilder();
                switch (opcode) {
                    case 0x1:
                        entry.add("frame", "text");
                        addText(entry, "data", payload, 0);
                        break;
                    case 0x2:
                        entry.add("frame", "binary").add("hex", HexFormat.of().formatHex(payload));
                        break;
                    case 0x8:
                        entry.add("frame", "close");
                        if (payload.length == 0) {
                            entry.add("empty", true);
                        } else if (payload.length == 1) {
                            entry.add("hex", HexFormat.of().formatHex(payload));
                        } else {
                            entry.add("code", ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
                            addText(entry, "reason", payload, 2);
                        }
                        if (payload.length > 125) {
                            entry.add("bodyLength", payload.length); // an oversize control frame
                        }
                        break;
                    case 0x9:
                        entry.add("frame", "ping").add("hex", HexFormat.of().formatHex(payload));
                        break;
                    case 0xA:
                        entry.add("frame", "pong").add("hex", HexFormat.of().formatHex(payload));
                        break;
                    case 0x0:
                        entry.add("frame", "continuation").add("hex", HexFormat.of().formatHex(payload));
                        break;
                    default:
                        entry.add("frame", "opcode-" + opcode).add("hex", HexFormat.of().formatHex(payload));
                }
                if (!fin) {
                    entry.add("fin", false);
                }
                if (rsv != 0) {
                    entry.add("rsv", rsv);
                }
                if (masked) {
                    entry.add("masked", true);
                }
                record(entry.build());
            }
        } catch (EOFException e) {
            end("eof");
        } catch (SocketException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase();
            end(message.contains("reset") ? "reset" : "error");
        } catch (IOException e) {
            end("error");
        }
    }

    private static void addText(JsonObjectBuilder entry, String field, byte[] payload, int offset) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, offset, payload.length - offset)).toString();
            entry.add(field, text);
        } catch (CharacterCodingException e) {
            entry.add(field + "Hex", HexFormat.of().formatHex(payload, offset, payload.length));
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException();
        }
        return bytes;
    }

    private synchronized void record(JsonObject entry) {
        received.add(new Received(elapsed(), entry));
        note("<- " + entry);
        lastActivity = System.nanoTime();
        notifyAll();
    }

    private synchronized void end(String kind) {
        if (ended) {
            return;
        }
        ended = true;
        if (!locallyClosed) {
            JsonObject entry = Json.createObjectBuilder().add("end", kind).add("afterClientClose", sentClose).build();
            received.add(new Received(elapsed(), entry));
            note("<- " + entry);
        } else {
            note("(reader stopped: the client closed its socket)");
        }
        lastActivity = System.nanoTime();
        notifyAll();
    }

    private long elapsed() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private synchronized void note(String line) {
        trace.add(String.format("%5d ms %s", elapsed(), line));
    }

    /** What was received so far (frames, then possibly the end). */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Everything sent and received, with times: for the report only, never compared. */
    public synchronized List<String> trace() {
        return List.copyOf(trace);
    }

    /** Whether the peer ended the connection (or the client's socket is gone). */
    public synchronized boolean ended() {
        return ended;
    }

    public boolean sentClose() {
        return sentClose;
    }

    // ---------------------------------------------------------------- waiting

    /** Waits until {@code condition} holds for the received list or the connection ended; bounded. */
    public synchronized boolean await(Predicate<List<Received>> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.test(received) && !ended) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return condition.test(received);
    }

    /** Waits until at least {@code n} frames (not counting the end) were received. */
    public boolean awaitFrames(int n, long timeoutMillis) throws InterruptedException {
        return await(list -> list.stream().filter(r -> !r.isEnd()).count() >= n, timeoutMillis);
    }

    /** Waits for a Close frame. */
    public boolean awaitClose(long timeoutMillis) throws InterruptedException {
        return await(list -> list.stream().anyMatch(Received::isClose), timeoutMillis);
    }

    /** Waits for the end of the TCP connection. */
    public synchronized boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!ended) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /**
     * Waits until the connection ended, or nothing arrived for {@code quietMillis} (counted from the
     * later of the last frame and the call), but never longer than {@code maxMillis}.
     */
    public synchronized void awaitEndOrQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long now = System.nanoTime();
        long deadline = now + maxMillis * 1_000_000;
        long quietFrom = Math.max(lastActivity, now);
        while (!ended) {
            long t = System.nanoTime();
            long quietEnd = Math.max(lastActivity, quietFrom) + quietMillis * 1_000_000;
            long until = Math.min(deadline, quietEnd);
            if (t >= until) {
                return;
            }
            wait(Math.max(1, (until - t) / 1_000_000));
        }
    }

    /** The last Close frame received, or null. */
    public synchronized JsonObject lastClose() {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).isClose()) {
                return received.get(i).entry();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- writing

    /** A masked client frame with FIN set. */
    public static byte[] frame(int opcode, byte[] payload) {
        return frame(opcode, payload, true);
    }

    /** A masked client frame; {@code fin=false} for all but the last fragment of a message. */
    public static byte[] frame(int opcode, byte[] payload, boolean fin) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (opcode & 0x0F));
        int length = payload.length;
        if (length <= 125) {
            f.write(0x80 | length);
        } else if (length <= 0xFFFF) {
            f.write(0x80 | 126);
            f.write(length >> 8);
            f.write(length);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) length >> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        return f.toByteArray();
    }

    public static byte[] textFrame(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] binaryFrame(byte[] bytes) {
        return frame(0x2, bytes);
    }

    public static byte[] closeBody(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + r.length];
        body[0] = (byte) (code >> 8);
        body[1] = (byte) code;
        System.arraycopy(r, 0, body, 2, r.length);
        return body;
    }

    public static byte[] closeFrame(int code, String reason) {
        return frame(0x8, closeBody(code, reason));
    }

    public static byte[] emptyCloseFrame() {
        return frame(0x8, new byte[0]);
    }

    /**
     * Writes frames in one TCP write. Skipped (and noted) when the connection already ended; an
     * I/O failure is noted, not thrown: what the peer did is the observation.
     */
    public void write(String description, byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
            if (f.length > 0 && (f[0] & 0x0F) == 0x8) {
                sentClose = true;
            }
        }
        synchronized (this) {
            if (ended) {
                note("-> (skipped, connection ended) " + description);
                return;
            }
            note("-> " + description);
        }
        try {
            synchronized (out) {
                out.write(all.toByteArray());
                out.flush();
            }
        } catch (IOException e) {
            note("-> write failed: " + e);
        }
    }

    public void sendText(String text) {
        write("text " + abbreviate(text), textFrame(text));
    }

    public void sendBinary(byte[] bytes) {
        write("binary " + HexFormat.of().formatHex(bytes), binaryFrame(bytes));
    }

    public void sendClose(int code, String reason) {
        write("close " + code + " " + abbreviate(reason), closeFrame(code, reason));
    }

    public void sendCloseEmpty() {
        write("close (empty body)", emptyCloseFrame());
    }

    public void sendCloseBody(byte[] body) {
        write("close body " + HexFormat.of().formatHex(body), frame(0x8, body));
    }

    /** Abrupt loss: RST (SO_LINGER 0, then close), no Close frame. */
    public void dropAbruptly() {
        note("-> drop: RST");
        locallyClosed = true;
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            note("drop failed: " + e);
        }
    }

    /** TCP FIN without a Close frame. */
    public void fin() {
        note("-> drop: FIN");
        locallyClosed = true;
        try {
            socket.close();
        } catch (IOException e) {
            note("fin failed: " + e);
        }
    }

    @Override
    public void close() {
        locallyClosed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "...(" + s.length() + " chars)" : s;
    }
}
