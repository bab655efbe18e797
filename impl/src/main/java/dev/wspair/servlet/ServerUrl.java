package dev.wspair.servlet;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The base URL of a WAR's routes as far as the server tells, for the cluster's default {@code
 * wspair.cluster.advertise}. The Servlet API names no host or port before a request arrives, so only
 * a server that publishes its listener helps: WildFly's {@code http} socket binding (its management
 * model, in the platform MBean server). Elsewhere, the context path alone: the setting must name the
 * server.
 */
final class ServerUrl {

    private static final System.Logger LOG = System.getLogger(ServerUrl.class.getName());
    /** WildFly's HTTP socket binding, as its JMX subsystem exposes it (the default configurations do). */
    private static final String WILDFLY_HTTP = "jboss.as:socket-binding-group=standard-sockets,socket-binding=http";

    private ServerUrl() {
    }

    /**
     * {@code http://host:port/contextPath/} when the server publishes its HTTP listener, else {@code
     * /contextPath/} alone.
     *
     * @param contextPath the WAR's context path ({@code ""} for the root)
     * @param clusterAddress the address the node's cluster member binds: the host when the listener
     *     binds every address
     */
    static URI of(String contextPath, String clusterAddress) {
        String path = contextPath + "/";
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName http = new ObjectName(WILDFLY_HTTP);
            if (!server.isRegistered(http)) {
                return URI.create(path);
            }
            Object port = server.getAttribute(http, "boundPort");
            Object address = server.getAttribute(http, "boundAddress");
            if (!(port instanceof Integer bound) || bound <= 0) {
                return URI.create(path);
            }
            String host = clusterAddress;
            if (address instanceof String listening && !listening.isEmpty() && !isWildcard(listening)) {
                host = listening;
            }
            return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound + path);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No HTTP listener published by the server: " + e);
            return URI.create(path);
        }
    }

    private static boolean isWildcard(String address) {
        try {
            return InetAddress.getByName(address).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
