package dev.wspair.engine;

/**
 * What a client socket ({@code new WebSocket(url)}) knows of its connection: the URL, how to cancel
 * the attempt, and the server's answer. Only client sockets have one, so the sockets a server
 * holds by the thousand do not carry these fields.
 */
final class ClientEnd {

    final String url;
    /** "" until the connection opens; then the server's answer, or null if it gave none. */
    volatile String protocol = "";
    volatile String extensions = "";
    /** Cancels the connection attempt; null when there is none. Guarded by the socket. */
    Runnable cancelConnect;

    ClientEnd(String url) {
        this.url = url;
    }
}
