package dev.wspair.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A WebSocket load generator on one thread and one NIO selector: a raw client (RFC 6455 framing,
 * no extensions) whose per-message cost is a memcpy of a pre-masked frame and a header parse, so
 * that it stays far from being the bottleneck (it reports its own CPU use as {@code clientCpu},
 * the fraction of one core it used during the measurement window).
 *
 * <pre>
 * echo:  C connections, each keeping W messages of S bytes in flight (text or binary); every echo
 *        is answered with the next message. Reports messages/s and p50/p90/p99/p99.9 round-trip
 *        latency over the measurement window (after a warm-up).
 * idle:  opens N connections (at most P handshakes at once), holds them, reports when all are
 *        open; with --heap also the server's live heap (jcmd GC.class_histogram, a full GC) and
 *        RSS before and after.
 * churn: C loops of connect, handshake, Close, Close answer, TCP close; reports cycles/s, cycle
 *        latency and failures.
 * fanout: C connections to one room; the first sends numbered text messages of S bytes, at most W
 *        in flight (a message is done when all C got it), the server sends each to all C. Reports
 *        deliveries/s, delivery latency (send to each receipt) and every message lost, duplicated
 *        or out of order ({@link FanOutBook}).
 * </pre>
 *
 * With {@code --probe URL} the idle mode adds the {@code k=v} words of a plain HTTP GET of URL,
 * made once the heap was measured, as {@code probe.k} fields (the bench's room says whether it
 * hibernated).
 *
 * {@code --url U1,U2,...} spreads the connections over several servers in turn (connection i to the
 * (i mod k)-th; the fan-out sender, the first, to U1); {@code --server-pid P1,P2,...} sums the figures of
 * several processes.
 *
 * With {@code --server-pid P} the server's CPU time (utime+stime of /proc/P/stat) and RSS are
 * sampled at the start and the end of the window, giving {@code serverCpuUsPerMsg}. One JSON line
 * on standard output per run; progress on standard error. {@code --tag k=v} adds fields to it.
 */
public final class LoadGen {

    // ---- options ----
    private String mode = "echo";
    private URI url;
    private int connections = 64;
    private int inflight = 16;
    private int size = 32;
    private boolean binary;
    private double warmupSeconds = 2;
    private double durationSeconds = 5;
    private long serverPid = -1;
    /** All the server processes measured ({@code --server-pid P1,P2,…}): their CPU time, RSS and switches are summed. */
    private long[] serverPids = {};
    /** Every URL of {@code --url U1,U2,…}: connection i goes to the (i mod k)-th (the fan-out's sender to the first). */
    private URI[] urls;
    private int sources = 1;
    private int concurrency = 256;
    private boolean heap;
    private double holdSeconds;
    private int warmConnections = 200;
    private double settleSeconds = 2;
    private URI probe;
    private Path histograms;
    /** Bytes of byte[] in the last live-heap histogram: the container's buffers, which vary between runs. */
    private long byteArrays;
    private final Map<String, String> tags = new LinkedHashMap<>();

    // ---- run state ----
    private Selector selector;
    private InetSocketAddress[] targets;
    private byte[][] handshakes;
    private int targetIndex;
    private byte[] frame;
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};
    private static final byte[] CLOSE_FRAME = closeFrame();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 18);
    private final Set<Conn> inProgress = new HashSet<>();
    private final List<Conn> all = new ArrayList<>();
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private boolean sending;
    private boolean measuring;
    private long received;
    private long cycles;
    private long failures;
    private long errors;
    private int opened;
    private int sourceIndex;
    private long clkTck = 100;
    private String firstFailure;

    public static void main(String[] args) throws Exception {
        LoadGen gen = new LoadGen();
        gen.parse(args);
        String json = gen.run();
        System.out.println(json);
        System.out.flush();
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--mode": mode = v; i++; break;
                case "--url": {
                    String[] us = v.split(",");
                    urls = new URI[us.length];
                    for (int k = 0; k < us.length; k++) {
                        urls[k] = URI.create(us[k]);
                    }
                    url = urls[0];
                    i++;
                    break;
                }
                case "--connections": connections = Integer.parseInt(v); i++; break;
                case "--inflight": inflight = Integer.parseInt(v); i++; break;
                case "--size": size = Integer.parseInt(v); i++; break;
                case "--type": binary = v.equals("binary"); i++; break;
                case "--warmup": warmupSeconds = Double.parseDouble(v); i++; break;
                case "--duration": durationSeconds = Double.parseDouble(v); i++; break;
                case "--server-pid": {
                    String[] ps = v.split(",");
                    serverPids = new long[ps.length];
                    for (int k = 0; k < ps.length; k++) {
                        serverPids[k] = Long.parseLong(ps[k]);
                    }
                    serverPid = serverPids[0];
                    i++;
                    break;
                }
                case "--sources": sources = Integer.parseInt(v); i++; break;
                case "--concurrency": concurrency = Integer.parseInt(v); i++; break;
                case "--heap": heap = true; break;
                case "--hold": holdSeconds = Double.parseDouble(v); i++; break;
                case "--warm-connections": warmConnections = Integer.parseInt(v); i++; break;
                case "--settle": settleSeconds = Double.parseDouble(v); i++; break;
                case "--probe": probe = URI.create(v); i++; break;
                case "--histograms": histograms = Path.of(v); i++; break;
                case "--tag": {
                    int eq = v.indexOf('=');
                    tags.put(v.substring(0, eq), v.substring(eq + 1));
                    i++;
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown option " + a + "\nusage: LoadGen --mode echo|idle|churn|fanout "
                            + "--url ws://127.0.0.1:PORT/path [--connections C] [--inflight W] [--size S] "
                            + "[--type text|binary] [--warmup s] [--duration s] [--server-pid P] [--sources K] "
                            + "[--concurrency P] [--heap] [--hold s] [--probe URL] [--histograms PREFIX] [--tag k=v]...");
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
    }

    private String run() throws Exception {
        selector = Selector.open();
        targets = new InetSocketAddress[urls.length];
        handshakes = new byte[urls.length][];
        for (int k = 0; k < urls.length; k++) {
            URI u = urls[k];
            targets[k] = new InetSocketAddress(u.getHost(), u.getPort());
            handshakes[k] = handshake(u);
        }
        frame = dataFrame(size, binary);
        clkTck = clockTicks();
        sample(); // loads the management classes now, not inside the measurement window
        latency.recordValue(1);
        latency.reset();
        switch (mode) {
            case "echo": return echo();
            case "idle": return idle();
            case "churn": return churn();
            case "fanout": return fanout();
            default: throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static byte[] handshake(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    // ---- modes ----

    private String echo() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < connections; i++) {
            connect(outCapacity());
        }
        while (opened + failures < connections && System.nanoTime() < deadline) {
            poll();
        }
        if (opened < connections) {
            return fail("only " + opened + " of " + connections + " connections opened: " + firstFailure);
        }
        sending = true;
        long now = System.nanoTime();
        for (Conn c : all) {
            for (int i = 0; i < inflight; i++) {
                c.send(frame, now);
            }
            c.flush();
        }
        runFor(warmupSeconds);
        Sample before = sampleStart();
        latency.reset();
        received = 0;
        errors = 0;
        measuring = true;
        runFor(durationSeconds);
        measuring = false;
        Sample after = sample();
        long messages = received;
        Map<String, Object> r = result();
        r.put("connections", connections);
        r.put("inflight", inflight);
        r.put("size", size);
        r.put("type", binary ? "binary" : "text");
        r.put("messages", messages);
        putWindow(r, before, after, messages, "Msg");
        r.put("msgPerSec", round(messages / after.seconds(before)));
        putLatency(r, "Us", 1000.0);
        r.put("errors", errors);
        sending = false;
        drain(3);
        closeAll(true, 3);
        return json(r);
    }

    private String idle() throws Exception {
        Map<String, Object> r = result();
        if (warmConnections > 0) {
            openPaced(warmConnections);
            closeAll(true, 3);
            all.clear();
            opened = 0;
            failures = 0;
            sleep(1);
        }
        long heapBefore = heap ? liveHeap(serverPid, "before") : -1;
        long byteArraysBefore = byteArrays;
        long rssBefore = serverPid > 0 ? rssKb(serverPid) : -1;
        long start = System.nanoTime();
        openPaced(connections);
        double openSeconds = (System.nanoTime() - start) / 1e9;
        log("idle: " + opened + " open, " + failures + " failed in " + fmt(openSeconds) + " s");
        r.put("connections", connections);
        r.put("opened", opened);
        r.put("failures", failures);
        if (firstFailure != null) {
            r.put("firstFailure", firstFailure);
        }
        r.put("openSeconds", round(openSeconds));
        r.put("opensPerSec", round(opened / openSeconds));
        runFor(settleSeconds);
        long heapAfter = heap ? liveHeap(serverPid, "after") : -1;
        long rssAfter = serverPid > 0 ? rssKb(serverPid) : -1;
        int stillOpen = 0;
        for (Conn c : all) {
            if (c.state == Conn.OPEN) {
                stillOpen++;
            }
        }
        r.put("stillOpen", stillOpen);
        if (serverPid > 0) {
            r.put("serverRssBeforeKb", rssBefore);
            r.put("serverRssAfterKb", rssAfter);
            r.put("rssPerConnKb", opened == 0 ? 0 : round((rssAfter - rssBefore) / (double) opened));
        }
        if (probe != null) {
            Probe.get(probe).forEach((k, v) -> r.put("probe." + k, v));
        }
        if (heap) {
            r.put("heapBeforeBytes", heapBefore);
            r.put("heapAfterBytes", heapAfter);
            r.put("heapPerConnBytes", opened == 0 ? 0 : round((heapAfter - heapBefore) / (double) opened));
            r.put("heapPerConnBytesWithoutByteArrays", opened == 0 ? 0
                    : round((heapAfter - byteArrays - heapBefore + byteArraysBefore) / (double) opened));
        }
        if (holdSeconds > 0) {
            runFor(holdSeconds);
        }
        closeAll(false, 0);
        return json(r);
    }

    private String churn() throws IOException {
        long start = System.nanoTime();
        long warmEnd = start + (long) (warmupSeconds * 1e9);
        long end = warmEnd + (long) (durationSeconds * 1e9);
        Sample before = null;
        for (int i = 0; i < connections; i++) {
            connect(256);
        }
        while (true) {
            long now = poll();
            if (before == null && now >= warmEnd) {
                before = sampleStart();
                cycles = 0;
                failures = 0;
                latency.reset();
                measuring = true;
            }
            if (now >= end) {
                break;
            }
            while (inProgress.size() < connections) {
                connect(256);
            }
        }
        measuring = false;
        Sample after = sample();
        Map<String, Object> r = result();
        r.put("connections", connections);
        r.put("cycles", cycles);
        r.put("failures", failures);
        if (firstFailure != null) {
            r.put("firstFailure", firstFailure);
        }
        putWindow(r, before, after, cycles, "Cycle");
        r.put("cyclesPerSec", round(cycles / after.seconds(before)));
        putLatency(r, "Ms", 1e6);
        closeAll(false, 0);
        return json(r);
    }

    private String fanout() throws IOException {
        openPaced(connections);
        if (opened < connections) {
            return fail("only " + opened + " of " + connections + " connections opened: " + firstFailure);
        }
        book = new FanOutBook(connections, inflight, size, latency);
        Conn sender = all.get(0);
        sending = true;
        fanOutSend(sender, System.nanoTime());
        runFanOut(sender, warmupSeconds);
        Sample before = sampleStart();
        latency.reset();
        book.measure(true);
        measuring = true;
        runFanOut(sender, durationSeconds);
        measuring = false;
        book.measure(false);
        Sample after = sample();
        sending = false;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!book.complete() && System.nanoTime() < end) {
            poll();
        }
        long deliveries = book.windowDeliveries();
        Map<String, Object> r = result();
        r.put("connections", connections);
        r.put("inflight", inflight);
        r.put("size", size);
        r.put("deliveries", deliveries);
        putWindow(r, before, after, deliveries, "Delivery");
        r.put("deliveriesPerSec", round(deliveries / after.seconds(before)));
        putLatency(r, "Us", 1000.0);
        r.put("messagesSent", book.sent());
        r.put("missing", book.missing());
        r.put("outOfOrder", book.outOfOrder());
        r.put("failures", failures);
        r.put("errors", errors);
        r.put("closesUnanswered", closeAll(true, 3));
        return json(r);
    }

    private FanOutBook book;

    private void fanOutSend(Conn sender, long now) throws IOException {
        while (sending && book.maySend()) {
            sender.queue(LoadGen.frame(1, book.next(now).getBytes(StandardCharsets.US_ASCII)));
        }
        sender.flush();
    }

    private void runFanOut(Conn sender, double seconds) throws IOException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            fanOutSend(sender, poll());
        }
    }

    // ---- event loop ----

    private void runFor(double seconds) throws IOException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            poll();
        }
    }

    private long lastTimeoutCheck;

    /** One select round; returns the time after it. */
    private long poll() throws IOException {
        selector.select(5);
        long now = System.nanoTime();
        Set<SelectionKey> keys = selector.selectedKeys();
        for (Iterator<SelectionKey> it = keys.iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    c.finishConnect(now);
                    continue;
                }
                if (key.isReadable()) {
                    c.read(now);
                }
                if (key.isValid() && key.isWritable()) {
                    c.flush();
                }
            } catch (IOException | RuntimeException e) {
                c.failed(e.toString());
            }
        }
        if (now - lastTimeoutCheck > 100_000_000L && !inProgress.isEmpty()) {
            lastTimeoutCheck = now;
            for (Conn c : new ArrayList<>(inProgress)) {
                if (now - c.started > TimeUnit.SECONDS.toNanos(c.state == Conn.CLOSING ? 3 : 10)) {
                    c.failed("timeout in state " + c.state);
                }
            }
        }
        return now;
    }

    private void openPaced(int n) throws IOException {
        int started = 0;
        long lastProgress = System.nanoTime();
        int done = 0;
        while (true) {
            while (started < n && inProgress.size() < concurrency) {
                connect("fanout".equals(mode) ? outCapacity() : 256);
                started++;
            }
            long now = poll();
            int nowDone = opened + (int) failures;
            if (nowDone != done) {
                done = nowDone;
                lastProgress = now;
            }
            if (started >= n && inProgress.isEmpty()) {
                return;
            }
            if (now - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
                log("idle: no progress for 30 s, giving up");
                return;
            }
        }
    }

    /** Waits until every message in flight came back (or the time is up). */
    private void drain(double seconds) throws IOException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            boolean busy = false;
            for (Conn c : all) {
                if (c.state == Conn.OPEN && c.sendSeq != c.recvSeq) {
                    busy = true;
                    break;
                }
            }
            if (!busy) {
                return;
            }
            poll();
        }
    }

    /** @return how many connections had no Close answer (or TCP close) in time */
    private int closeAll(boolean clean, double seconds) throws IOException {
        if (clean) {
            for (Conn c : all) {
                if (c.state == Conn.OPEN) {
                    c.startClose(System.nanoTime());
                }
            }
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (!inProgress.isEmpty() && System.nanoTime() < end) {
                poll();
            }
        }
        int unanswered = inProgress.size();
        for (Conn c : all) {
            c.closeChannel();
        }
        inProgress.clear();
        selector.selectNow();
        return unanswered;
    }

    private void connect(int outCapacity) throws IOException {
        Conn c = new Conn(outCapacity);
        int t = targetIndex++ % targets.length;
        c.handshake = handshakes[t];
        c.started = System.nanoTime();
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (sources > 1) {
            int n = 1 + (sourceIndex++ % sources);
            ch.bind(new InetSocketAddress("127.0.0." + n, 0));
        }
        c.ch = ch;
        inProgress.add(c);
        if (!"churn".equals(mode)) {
            all.add(c);
        }
        if (ch.connect(targets[t])) {
            c.key = ch.register(selector, 0, c);
            c.connected();
        } else {
            c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
        }
    }

    private int outCapacity() {
        return inflight * (frame.length + FanOutBook.DIGITS) + 512;
    }

    // ---- one connection ----

    private final class Conn {
        static final int CONNECTING = 0, HANDSHAKE = 1, OPEN = 2, CLOSING = 3, DONE = 4;

        SocketChannel ch;
        SelectionKey key;
        byte[] handshake;
        int state = CONNECTING;
        long started;
        final ByteBuffer out;
        int crlf;
        final byte[] status = new byte[12];
        int statusLen;
        final byte[] hdr = new byte[14];
        int hdrLen;
        long payloadLeft;
        int opcode;
        boolean fin;
        long msgLen;
        int msgOpcode;
        long[] sentAt;
        int sendSeq;
        int recvSeq;
        boolean gotClose;
        /** The first bytes of the current message's payload (the fan-out mode's sequence number). */
        final byte[] head = new byte[FanOutBook.DIGITS];
        int headLen;
        long expected;

        Conn(int outCapacity) {
            out = "echo".equals(mode) ? ByteBuffer.allocateDirect(outCapacity) : ByteBuffer.allocate(outCapacity);
            if ("echo".equals(mode)) {
                sentAt = new long[inflight];
            }
        }

        void finishConnect(long now) throws IOException {
            if (ch.finishConnect()) {
                connected();
            }
        }

        void connected() throws IOException {
            state = HANDSHAKE;
            out.put(handshake);
            key.interestOps(SelectionKey.OP_READ);
            flush();
        }

        void send(byte[] bytes, long now) {
            sentAt[sendSeq++ % inflight] = now;
            out.put(bytes);
        }

        void queue(byte[] bytes) {
            out.put(bytes);
        }

        void startClose(long now) throws IOException {
            state = CLOSING;
            started = now;
            inProgress.add(this);
            out.put(CLOSE_FRAME);
            flush();
        }

        void flush() throws IOException {
            if (out.position() == 0) {
                return;
            }
            out.flip();
            ch.write(out);
            out.compact();
            int ops = out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }

        void read(long now) throws IOException {
            for (int round = 0; round < 4; round++) {
                readBuffer.clear();
                int n = ch.read(readBuffer);
                if (n < 0) {
                    eof(now);
                    return;
                }
                if (n == 0) {
                    break;
                }
                readBuffer.flip();
                if (state == HANDSHAKE) {
                    handshakeBytes(now);
                }
                if (state >= OPEN) {
                    frames(now);
                }
                if (n < readBuffer.capacity()) {
                    break;
                }
            }
            if (state != DONE) {
                flush();
            }
        }

        private void handshakeBytes(long now) throws IOException {
            while (readBuffer.hasRemaining()) {
                byte b = readBuffer.get();
                if (statusLen < status.length) {
                    status[statusLen++] = b;
                }
                if (b == '\r' && (crlf == 0 || crlf == 2)) {
                    crlf++;
                } else if (b == '\n' && (crlf == 1 || crlf == 3)) {
                    crlf++;
                } else {
                    crlf = b == '\r' ? 1 : 0;
                }
                if (crlf == 4) {
                    String line = new String(status, 0, statusLen, StandardCharsets.US_ASCII);
                    if (!line.startsWith("HTTP/1.1 101")) {
                        failed("handshake answered " + line.trim());
                        return;
                    }
                    opened();
                    return;
                }
            }
        }

        private void opened() throws IOException {
            opened++;
            state = OPEN;
            if ("churn".equals(mode)) {
                startClose(started);
                state = CLOSING;
            } else {
                inProgress.remove(this);
            }
        }

        private void frames(long now) throws IOException {
            ByteBuffer b = readBuffer;
            while (b.hasRemaining()) {
                if (payloadLeft > 0) {
                    int n = (int) Math.min(b.remaining(), payloadLeft);
                    int keep = Math.min(n, head.length - headLen);
                    if (keep > 0) {
                        b.get(b.position(), head, headLen, keep);
                        headLen += keep;
                    }
                    b.position(b.position() + n);
                    payloadLeft -= n;
                    if (payloadLeft == 0) {
                        frameDone(now);
                    }
                    continue;
                }
                hdr[hdrLen++] = b.get();
                if (hdrLen < 2) {
                    continue;
                }
                int len7 = hdr[1] & 0x7f;
                int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((hdr[1] & 0x80) != 0 ? 4 : 0);
                if (hdrLen < need) {
                    continue;
                }
                long len = len7;
                if (len7 == 126) {
                    len = ((hdr[2] & 0xff) << 8) | (hdr[3] & 0xff);
                } else if (len7 == 127) {
                    len = 0;
                    for (int i = 2; i < 10; i++) {
                        len = (len << 8) | (hdr[i] & 0xff);
                    }
                }
                fin = (hdr[0] & 0x80) != 0;
                opcode = hdr[0] & 0x0f;
                hdrLen = 0;
                if (opcode == 0 || opcode == 1 || opcode == 2) {
                    if (opcode != 0) {
                        msgOpcode = opcode;
                        msgLen = 0;
                        headLen = 0;
                    }
                    msgLen += len;
                }
                payloadLeft = len;
                if (len == 0) {
                    frameDone(now);
                }
                if (state == DONE) {
                    return;
                }
            }
        }

        private void frameDone(long now) throws IOException {
            switch (opcode) {
                case 0: case 1: case 2:
                    if (fin) {
                        message(now);
                    }
                    break;
                case 8:
                    gotClose = true;
                    if (state == OPEN) {
                        // the server closed first: answer, then wait for the TCP close
                        state = CLOSING;
                        started = now;
                        inProgress.add(this);
                        out.put(CLOSE_FRAME);
                        flush();
                    }
                    break;
                case 9:
                    out.put(new byte[] {(byte) 0x8a, (byte) 0x80, 0, 0, 0, 0});
                    break;
                default:
                    break;
            }
        }

        private void message(long now) {
            if (book != null) {
                if (msgOpcode != 1 || msgLen != Math.max(size, FanOutBook.DIGITS)) {
                    errors++;
                }
                expected = book.delivered(expected, FanOutBook.sequence(head, headLen), now);
                return;
            }
            if (sentAt == null) {
                return;
            }
            if (msgLen != size || msgOpcode != (binary ? 2 : 1)) {
                errors++;
            }
            long sent = sentAt[recvSeq++ % inflight];
            if (measuring) {
                received++;
                latency.recordValue(Math.min(now - sent, latency.getHighestTrackableValue()));
            }
            if (sending) {
                send(frame, now);
            }
        }

        private void eof(long now) throws IOException {
            if (state == CLOSING && gotClose) {
                cycleDone(now);
            } else {
                failed("connection closed by the server in state " + state);
            }
        }

        void cycleDone(long now) throws IOException {
            if (measuring && "churn".equals(mode)) {
                cycles++;
                latency.recordValue(Math.min(now - started, latency.getHighestTrackableValue()));
            }
            closeChannel();
        }

        void failed(String why) {
            if (state == DONE) {
                return;
            }
            if (measuring || state < OPEN) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = why;
                }
            }
            closeChannel();
        }

        void closeChannel() {
            if (state == DONE) {
                return;
            }
            state = DONE;
            inProgress.remove(this);
            if (key != null) {
                key.cancel();
            }
            try {
                ch.close();
            } catch (IOException e) {
                // gone anyway
            }
        }
    }

    // ---- server sampling ----

    /**
     * The clock, the servers' and the client's CPU time are read next to each other, at the edge of
     * the window: the context switches (a file per server thread, slow with thousands of threads)
     * before them at the start of a window and after them at its end, so that reading them falls
     * outside the window.
     */
    private final class Sample {
        long nanos;
        long serverTicks;
        long serverRss;
        long serverSwitches;
        long clientCpu;

        Sample(boolean start) {
            if (start) {
                serverSwitches = sum(LoadGen::contextSwitches);
                serverRss = sum(LoadGen::rssKb);
            }
            clientCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            if (start) {
                serverTicks = sum(LoadGen::cpuTicks);
                nanos = System.nanoTime();
            } else {
                nanos = System.nanoTime();
                serverTicks = sum(LoadGen::cpuTicks);
            }
            if (!start) {
                serverRss = sum(LoadGen::rssKb);
                serverSwitches = sum(LoadGen::contextSwitches);
            }
        }

        double seconds(Sample before) {
            return (nanos - before.nanos) / 1e9;
        }
    }

    /** The sum over all server processes, -1 without any (or when one is gone). */
    private long sum(java.util.function.LongUnaryOperator f) {
        if (serverPids.length == 0) {
            return -1;
        }
        long total = 0;
        for (long pid : serverPids) {
            long v = f.applyAsLong(pid);
            if (v < 0) {
                return -1;
            }
            total += v;
        }
        return total;
    }

    private Sample sample() {
        return new Sample(false);
    }

    private Sample sampleStart() {
        return new Sample(true);
    }

    private void putWindow(Map<String, Object> r, Sample before, Sample after, long units, String unit) {
        double seconds = after.seconds(before);
        r.put("seconds", round(seconds));
        r.put("clientCpu", round((after.clientCpu - before.clientCpu) / 1e9 / seconds));
        if (serverPid > 0) {
            double cpuSeconds = (after.serverTicks - before.serverTicks) / (double) clkTck;
            r.put("serverCpu", round(cpuSeconds / seconds));
            r.put("serverCpuUsPer" + unit, units == 0 ? 0 : round(cpuSeconds * 1e6 / units));
            r.put("serverRssKb", after.serverRss);
            r.put("serverCtxSwitchesPer" + unit, units == 0 ? 0 : round((after.serverSwitches - before.serverSwitches) / (double) units));
        }
    }

    private void putLatency(Map<String, Object> r, String unit, double divisor) {
        String[] names = {"p50", "p90", "p99", "p999"};
        double[] ps = {50, 90, 99, 99.9};
        for (int i = 0; i < names.length; i++) {
            r.put(names[i] + unit, round(latency.getValueAtPercentile(ps[i]) / divisor));
        }
        r.put("max" + unit, round(latency.getMaxValue() / divisor));
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat: utime, stime (f[0] is field 3)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Voluntary and involuntary context switches of all the server's threads (live ones). */
    private static long contextSwitches(long pid) {
        long sum = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    /**
     * Live heap bytes after a full GC: the total of {@code jcmd PID GC.class_histogram}; with
     * {@code --histograms PREFIX} the histogram is kept in PREFIX-{@code when}.txt.
     */
    private long liveHeap(long pid, String when) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String total = null;
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Total")) {
                    total = line;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":") && f[3].equals("[B")) {
                    byteArrays = Long.parseLong(f[2]);
                }
            }
        }
        if (histograms != null) {
            Files.write(Path.of(histograms + "-" + when + ".txt"), lines);
        }
        p.waitFor();
        if (total == null) {
            log("jcmd GC.class_histogram gave no total");
            return -1;
        }
        String[] f = total.trim().split("\\s+");
        return Long.parseLong(f[2]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(s);
        } catch (Exception e) {
            return 100;
        }
    }

    // ---- frames ----

    static byte[] dataFrame(int size, boolean binary) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return frame(binary ? 2 : 1, payload);
    }

    private static byte[] closeFrame() {
        return frame(8, new byte[] {0x03, (byte) 0xe8});
    }

    static byte[] frame(int opcode, byte[] payload) {
        int n = payload.length;
        int ext = n < 126 ? 0 : n < 65536 ? 2 : 8;
        byte[] f = new byte[2 + ext + 4 + n];
        f[0] = (byte) (0x80 | opcode);
        int at = 2;
        if (ext == 0) {
            f[1] = (byte) (0x80 | n);
        } else if (ext == 2) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (n >>> 8);
            f[3] = (byte) n;
            at = 4;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
            at = 10;
        }
        System.arraycopy(MASK, 0, f, at, 4);
        at += 4;
        for (int i = 0; i < n; i++) {
            f[at + i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return f;
    }

    // ---- output ----

    private Map<String, Object> result() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", mode);
        r.put("url", url.toString());
        if (urls.length > 1) {
            r.put("entries", urls.length);
        }
        r.putAll(tags);
        return r;
    }

    private String fail(String why) throws IOException {
        closeAll(false, 0);
        Map<String, Object> r = result();
        r.put("error", why);
        return json(r);
    }

    private static String json(Map<String, Object> r) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Number) {
                s.append(v);
            } else {
                s.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return s.append('}').toString();
    }

    private static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return -1;
        }
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    private static void log(String line) {
        System.err.println(line);
    }
}
