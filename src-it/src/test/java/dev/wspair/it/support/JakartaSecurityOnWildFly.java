package dev.wspair.it.support;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * WildFly's side of a WAR that logs users in with Jakarta Security: an application security domain
 * with integrated JASPI off, so that the identities of the application's own identity store are
 * used as they are instead of being looked up in an Elytron realm (WildFly's {@code other} domain
 * keeps integrated JASPI on, and changing it needs a reload). The WAR names the domain in its
 * {@code jboss-web.xml} ({@link #JBOSS_WEB_XML}); other servers ignore that file. Added through the
 * management API before the deployment and removed after it: the server's configuration is
 * read-only in the tests, so nothing stays.
 */
public class JakartaSecurityOnWildFly implements ServerSetupTask {

    public static final String DOMAIN = "wspair-jakarta-security";
    public static final String JBOSS_WEB_XML = "<jboss-web><security-domain>" + DOMAIN + "</security-domain></jboss-web>";

    private static ModelNode address() {
        return Operations.createAddress("subsystem", "undertow", "application-security-domain", DOMAIN);
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ModelNode add = Operations.createAddOperation(address());
        add.get("security-domain").set("ApplicationDomain");
        add.get("integrated-jaspi").set(false);
        executeOperation(client, add);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        executeOperation(client, Operations.createRemoveOperation(address()));
    }
}
