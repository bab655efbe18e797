package dev.wspair.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A WAR's default advertised URL: WildFly's {@code http} socket binding as its JMX subsystem shows it
 * (here a stand-in MBean of that name, with WildFly's attribute names), else the context path alone.
 * {@code ClusterIT} (src-it) uses the real one.
 */
class ServerUrlTest {

    private static final String WILDFLY_HTTP = "jboss.as:socket-binding-group=standard-sockets,socket-binding=http";

    @Test
    void withoutAServerThatPublishesItsListenerOnlyThePathIsKnown() {
        assertEquals(URI.create("/chat/"), ServerUrl.of("/chat", "10.0.0.5"));
        assertEquals(URI.create("/"), ServerUrl.of("", "10.0.0.5"));
    }

    @Test
    void onWildFlyTheHttpSocketBindingNamesHostAndPort() throws Exception {
        try (AutoCloseable binding = socketBinding("127.0.0.1", 8180)) {
            assertEquals(URI.create("http://127.0.0.1:8180/chat/"), ServerUrl.of("/chat", "10.0.0.5"));
        }
    }

    @Test
    void aListenerOnEveryAddressIsReachedAtTheClustersAddress() throws Exception {
        try (AutoCloseable binding = socketBinding("0.0.0.0", 8080)) {
            assertEquals(URI.create("http://10.0.0.5:8080/"), ServerUrl.of("", "10.0.0.5"));
        }
    }

    @Test
    void anUnboundListenerNamesNothing() throws Exception {
        try (AutoCloseable binding = socketBinding(null, null)) {
            assertEquals(URI.create("/chat/"), ServerUrl.of("/chat", "10.0.0.5"));
        }
    }

    /** WildFly's runtime attributes of a socket binding, by the names its JMX subsystem gives them (lower camel case). */
    private static AutoCloseable socketBinding(String address, Integer port) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(WILDFLY_HTTP);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("boundAddress", address);
        attributes.put("boundPort", port);
        server.registerMBean(new DynamicMBean() {
            @Override
            public Object getAttribute(String attribute) throws AttributeNotFoundException {
                if (!attributes.containsKey(attribute)) {
                    throw new AttributeNotFoundException(attribute);
                }
                return attributes.get(attribute);
            }

            @Override
            public void setAttribute(Attribute attribute) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AttributeList getAttributes(String[] names) {
                AttributeList list = new AttributeList();
                for (String attribute : names) {
                    list.add(new Attribute(attribute, attributes.get(attribute)));
                }
                return list;
            }

            @Override
            public AttributeList setAttributes(AttributeList list) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object invoke(String action, Object[] params, String[] signature) {
                throw new UnsupportedOperationException();
            }

            @Override
            public MBeanInfo getMBeanInfo() {
                return new MBeanInfo(getClass().getName(), "socket-binding=http", new MBeanAttributeInfo[] {
                    new MBeanAttributeInfo("boundAddress", String.class.getName(), "", true, false, false),
                    new MBeanAttributeInfo("boundPort", Integer.class.getName(), "", true, false, false)},
                        null, null, null);
            }
        }, name);
        return () -> server.unregisterMBean(name);
    }
}
