package dev.wspair.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a node's cluster is and how quickly it notices a lost member, read from the application's
 * settings (a context-param, else a system property, else MicroProfile Config) when its runtime
 * starts. Without {@value #MEMBERS} the node is a cluster of one and nothing of Hazelcast is
 * loaded.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #MEMBERS}</td><td>(none: off)</td><td>the Hazelcast members to join,
 * {@code host:port} comma-separated (this node's own address may be among them)</td></tr>
 * <tr><td>{@value #NAME}</td><td>{@code wspair}</td><td>Hazelcast's cluster name: nodes with another
 * name never join</td></tr>
 * <tr><td>{@value #BIND_ADDRESS}</td><td>{@code 127.0.0.1}</td><td>the address this node's member binds
 * and is reached at</td></tr>
 * <tr><td>{@value #PORT}</td><td>5701</td><td>the member's port (no auto-increment: it is the one in the
 * member list)</td></tr>
 * <tr><td>{@value #ADVERTISE}</td><td>the embedded server's own URL; in a WAR on WildFly {@code
 * http://}<i>bindAddress</i>{@code :}<i>HTTP port</i><i>context path</i>{@code /}; elsewhere none (required)</td><td>the
 * base URL at which the other nodes reach this node's routes (the link), e.g. {@code http://10.0.0.5:8080/app/}; a
 * URL without a path ({@code http://10.0.0.5:8080}) names the server, and the application's own path (a WAR's
 * context path) is added</td></tr>
 * <tr><td>{@value #HEARTBEAT}</td><td>{@code PT1S}</td><td>how often members tell each other they live</td></tr>
 * <tr><td>{@value #FAILURE_TIMEOUT}</td><td>{@code PT10S}</td><td>a member silent this long is removed and
 * its objects move (Hazelcast's own default is 60 s)</td></tr>
 * <tr><td>{@value #FORWARD_TIMEOUT}</td><td>{@code PT10S}</td><td>how long a request for an object on
 * another node waits for an owner that answers (while a lost member is being removed)</td></tr>
 * </table>
 */
public record ClusterSettings(List<String> members, String name, String bindAddress, int port, URI advertise,
        Duration heartbeat, Duration failureTimeout, Duration forwardTimeout) {

    public static final String MEMBERS = "wspair.cluster.members";
    public static final String NAME = "wspair.cluster.name";
    public static final String BIND_ADDRESS = "wspair.cluster.bindAddress";
    public static final String PORT = "wspair.cluster.port";
    public static final String ADVERTISE = "wspair.cluster.advertise";
    public static final String HEARTBEAT = "wspair.cluster.heartbeat";
    public static final String FAILURE_TIMEOUT = "wspair.cluster.failureTimeout";
    public static final String FORWARD_TIMEOUT = "wspair.cluster.forwardTimeout";

    /** A node alone: no member list. */
    public static final ClusterSettings OFF = new ClusterSettings(List.of(), "wspair", "127.0.0.1", 5701, null,
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(10));

    public ClusterSettings {
        members = List.copyOf(members);
        if (heartbeat.toSeconds() < 1 || failureTimeout.toSeconds() <= heartbeat.toSeconds()) {
            throw new IllegalArgumentException(HEARTBEAT + " must be at least 1 s and " + FAILURE_TIMEOUT
                    + " longer than it (Hazelcast counts whole seconds): " + heartbeat + ", " + failureTimeout);
        }
    }

    /** Whether this node joins a cluster. */
    public boolean enabled() {
        return !members.isEmpty();
    }

    /**
     * The same settings, advertising {@code uri} unless {@value #ADVERTISE} was set: a set URL wins;
     * a set URL without a path takes {@code uri}'s path (the application's own path on that server).
     *
     * @param uri the base URL of the application's routes as the runtime sees it; a relative URL (a
     *     path alone) when the runtime cannot tell its host and port
     */
    public ClusterSettings advertisingByDefault(URI uri) {
        URI effective;
        if (advertise == null) {
            effective = uri;
        } else if (advertise.getRawPath() == null || advertise.getRawPath().isEmpty()) {
            String path = uri == null || uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            effective = URI.create(advertise + (path.endsWith("/") ? path : path + "/"));
        } else {
            effective = advertise;
        }
        return new ClusterSettings(members, name, bindAddress, port, effective, heartbeat, failureTimeout, forwardTimeout);
    }

    /** The settings {@code lookup} finds (the application's chain), with the defaults above. */
    public static ClusterSettings read(UnaryOperator<String> lookup) {
        String members = lookup.apply(MEMBERS);
        String advertise = lookup.apply(ADVERTISE);
        return new ClusterSettings(
                members == null ? List.of()
                        : Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList(),
                value(lookup, NAME, OFF.name),
                value(lookup, BIND_ADDRESS, OFF.bindAddress),
                Integer.parseInt(value(lookup, PORT, Integer.toString(OFF.port))),
                advertise == null ? null : advertised(advertise.trim()),
                Duration.parse(value(lookup, HEARTBEAT, OFF.heartbeat.toString())),
                Duration.parse(value(lookup, FAILURE_TIMEOUT, OFF.failureTimeout.toString())),
                Duration.parse(value(lookup, FORWARD_TIMEOUT, OFF.forwardTimeout.toString())));
    }

    /** A base URL ends with '/'; a server's URL without a path keeps none (the application's path is added). */
    private static URI advertised(String value) {
        URI uri = URI.create(value);
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException(ADVERTISE + " must be an absolute http(s) URL: " + value);
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.endsWith("/") ? uri : URI.create(value + "/");
    }

    private static String value(UnaryOperator<String> lookup, String name, String otherwise) {
        String value = lookup.apply(name);
        return value == null ? otherwise : value;
    }
}
