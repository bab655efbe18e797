package dev.wspair.it.support;

/**
 * The runtime this test JVM runs against (Failsafe's {@code arquillian.launch}): the embedded runtime,
 * WildFly, Payara Micro 6 (Jakarta EE 10) or Payara Micro 7 (Jakarta EE 11). "Payara" below means both.
 */
public enum Runtime {
    EMBEDDED, WILDFLY, PAYARA, PAYARA7;

    public static Runtime current() {
        return valueOf(System.getProperty("arquillian.launch", "embedded").toUpperCase());
    }

    /** WildFly and Payara have a servlet container; the embedded runtime has Tyrus alone. */
    public boolean hasServlets() {
        return this != EMBEDDED;
    }

    /** Tyrus (embedded, Payara) reads unmasked client frames as if they were masked; RFC 6455 asks for 1002. */
    public boolean acceptsUnmaskedFrames() {
        return this != WILDFLY;
    }

    /**
     * Tyrus tells the endpoint about every protocol error it answered; Undertow only about those
     * found in a message (invalid UTF-8, a bad close code), not those found while parsing a frame.
     */
    public boolean reportsFrameErrors() {
        return this != WILDFLY;
    }

    /**
     * Payara closes the TCP connection as soon as the bridge closes a session whose peer stopped
     * reading: the Close frame queued behind the unread data never goes out (what workerd does for
     * a failed socket). Tyrus alone and Undertow send it after the data.
     */
    public boolean dropsCloseBehindUnreadData() {
        return isPayara();
    }

    /** Payara Micro 6 or 7. */
    public boolean isPayara() {
        return this == PAYARA || this == PAYARA7;
    }

    /** Where this runtime's JVM writes its temporary files. */
    public java.nio.file.Path tmpDir() {
        String base = System.getProperty("it.tmp", "target/tmp");
        return java.nio.file.Path.of(base, this == EMBEDDED ? "test" : name().toLowerCase());
    }
}
