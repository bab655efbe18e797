package dev.wspair.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.SocketFactory;

/**
 * A WebSocket client written frame by frame on a plain socket, to see exactly what goes over the
 * wire (and to send what well-behaved clients cannot: RSV bits, oversized frames, no Close).
 */
public final class RawClient implements AutoCloseable {

    /** One frame as received: opcode, payload, and for a Close its code (-1: empty body) and reason. */
    public record Received(int first, int opcode, byte[] payload) {
        /** RSV1: a compressed message under permessage-deflate. */
        public boolean compressed() {
            return (first & 0x40) != 0;
        }

        public boolean isClose() {
            return opcode == 8;
        }

        public int code() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        public String reason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return isClose() ? "Close(" + code() + ", " + reason() + ")" : "frame(opcode " + opcode + ", " + payload.length + " bytes)";
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final String handshakeStatus;
    /** The whole response head of the handshake. */
    public final String handshakeHeaders;

    public RawClient(int port, String path) throws IOException {
        this(port, path, "");
    }

    /** With extra request header lines, each ending in CRLF. */
    public RawClient(int port, String path, String extraHeaders) throws IOException {
        this(SocketFactory.getDefault(), port, path, extraHeaders, new byte[0]);
    }

    /**
     * Through {@code sockets} (an {@code SSLSocketFactory} for wss), with extra request header
     * lines, and {@code early} bytes (frames) in the same write as the request, before the 101.
     */
    public RawClient(SocketFactory sockets, int port, String path, String extraHeaders, byte[] early) throws IOException {
        socket = sockets.createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n" + extraHeaders + "\r\n";
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(request.getBytes(StandardCharsets.US_ASCII));
        first.writeBytes(early);
        out.write(first.toByteArray());
        out.flush();
        handshakeHeaders = readHeaders();
        handshakeStatus = handshakeHeaders.split("\r\n", 2)[0];
    }

    /** How long a read may wait for the next byte before it fails (10 s unless set). */
    public RawClient readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        return this;
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            headers.append((char) in.readUnsignedByte());
        }
        return headers.toString();
    }

    public void sendText(String text) throws IOException {
        send(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendClose(int code, String reason) throws IOException {
        sendRaw(close(code, reason));
    }

    /** A Close frame as a client sends it. */
    public static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + text.length];
        body[0] = (byte) (code >> 8);
        body[1] = (byte) code;
        System.arraycopy(text, 0, body, 2, text.length);
        return frame(0x88, body);
    }

    /** Sends one frame: {@code firstByte} is FIN, RSV and opcode; the payload is masked as a client must. */
    public void send(int firstByte, byte[] payload) throws IOException {
        out.write(frame(firstByte, payload));
        out.flush();
    }

    /** Writes {@code bytes} as they are: for frames a client must not send (unmasked, truncated). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends the sending half of the connection (a FIN); reading goes on. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** A text frame and a Close frame in one TCP write: they reach the server together. */
    public void sendTextAndClose(String text, int code, String reason) throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
        both.write(close(code, reason));
        sendRaw(both.toByteArray());
    }

    /** One frame as a client sends it: {@code firstByte} is FIN, RSV and opcode; the payload masked with a random key. */
    public static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /** The next frame; fails on end of stream or after 10 s. */
    public Received next() throws IOException {
        return next(in);
    }

    /**
     * What one read of the connection returns, at least a byte (waiting up to the read timeout),
     * as frames: the frames one write of the server brought, when they were there before the read.
     */
    public List<Received> readOnce() throws IOException {
        byte[] bytes = new byte[1 << 16];
        int length = in.read(bytes);
        if (length < 0) {
            throw new EOFException("The server closed the connection");
        }
        DataInputStream read = new DataInputStream(new ByteArrayInputStream(bytes, 0, length));
        List<Received> frames = new ArrayList<>();
        while (read.available() > 0) {
            frames.add(next(read));
        }
        return frames;
    }

    private static Received next(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Received(first, first & 0x0f, payload);
    }

    /** Whether the server closed the connection, reading (and dropping) anything still sent. */
    public boolean endOfStream() throws IOException {
        try {
            while (true) {
                next();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    /** Drops the connection with a TCP reset (RST), as a peer that crashed: no Close, no FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
