package dev.wspair.testkit;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Reads permessage-deflate payloads as a client does (RFC 7692). */
public final class PerMessageDeflate {

    /** The inflater of one direction of a connection: raw DEFLATE, its window kept across messages. */
    private final Inflater inflater = new Inflater(true);

    /**
     * One message's payload, inflated: raw DEFLATE with the trailing 00 00 ff ff removed by the
     * sender, read with what the earlier messages of this connection left in the window.
     */
    public byte[] inflate(byte[] payload) throws DataFormatException {
        byte[] whole = new byte[payload.length + 4];
        System.arraycopy(payload, 0, whole, 0, payload.length);
        whole[payload.length + 2] = (byte) 0xff;
        whole[payload.length + 3] = (byte) 0xff;
        inflater.setInput(whole);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = inflater.inflate(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
