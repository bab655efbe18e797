package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.it.app.roles.AdminRoute;
import dev.wspair.it.app.roles.HandlerRuns;
import dev.wspair.it.app.roles.RunsRoute;
import dev.wspair.it.app.roles.TestUsers;
import dev.wspair.it.support.JakartaSecurityOnWildFly;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.RawClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @RolesAllowed("admin")} on a route, against the server's own security: the WAR logs users
 * in with Jakarta Security (BASIC, an application identity store: {@link TestUsers}). Anonymous
 * requests get the login's 401 challenge, a user without the role 403, both before the 101 and
 * without the handler running; an admin gets 200 or 101 and the handler sees the user. A second WAR
 * without any login shows the 401 wspair sends itself on WildFly: no {@code WWW-Authenticate},
 * since no scheme is configured.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(JakartaSecurityOnWildFly.class) // WildFly's adapter only: the annotation is not on the other runs' class path
@DisabledIfSystemProperty(named = "arquillian.launch", matches = "embedded",
        disabledReason = "the embedded runtime has no users: it refuses to start with a route for admins "
                + "(EmbeddedRolesTest in impl)")
class RolesIT {

    private static final String WITH_LOGIN = "roles";
    private static final String WITHOUT_LOGIN = "roles-nologin";

    @Deployment(name = WITH_LOGIN, testable = false)
    static WebArchive withLogin() {
        return Wars.of(WITH_LOGIN, AdminRoute.class, HandlerRuns.class, RunsRoute.class, TestUsers.class)
                .addAsWebInfResource(new StringAsset(JakartaSecurityOnWildFly.JBOSS_WEB_XML), "jboss-web.xml");
    }

    /** Deployed by its test, on WildFly only: Payara Micro would start a second server for it. */
    @Deployment(name = WITHOUT_LOGIN, managed = false, testable = false)
    static WebArchive withoutLogin() {
        return Wars.of(WITHOUT_LOGIN, AdminRoute.class, HandlerRuns.class, RunsRoute.class);
    }

    @ArquillianResource
    URL deployment;

    @ArquillianResource
    Deployer deployer;

    @Test
    void anAnonymousUpgradeGetsTheLoginsChallengeBeforeThe101AndTheHandlerNeverRuns() throws Exception {
        String probe = probe();
        try (RawClient refused = upgrade(deployment, probe, null)) {
            assertEquals("HTTP/1.1 401", status(refused));
            assertEquals("Basic realm=\"" + TestUsers.REALM + "\"", header(refused.handshakeHeaders, "WWW-Authenticate"));
        }
        try (RawClient wrongPassword = upgrade(deployment, probe, credentials(TestUsers.ADMIN, "wrong"))) {
            assertEquals("HTTP/1.1 401", status(wrongPassword));
        }
        assertEquals("0", runs(probe));
    }

    @Test
    void aUserWithoutTheRoleGets403BeforeThe101AndTheHandlerNeverRuns() throws Exception {
        String probe = probe();
        try (RawClient refused = upgrade(deployment, probe, credentials(TestUsers.USER))) {
            assertEquals("HTTP/1.1 403", status(refused));
        }
        assertEquals("0", runs(probe));
    }

    @Test
    void anAdminUpgradesAndTheHandlerSeesTheUser() throws Exception {
        String probe = probe();
        try (RawClient admin = upgrade(deployment, probe, credentials(TestUsers.ADMIN))) {
            assertEquals("HTTP/1.1 101", status(admin));
            admin.sendText("hi");
            assertEquals("alice: hi", admin.next().text());
            admin.sendClose(1000, "");
            assertEquals(1000, admin.next().code());
        }
        assertEquals("1", runs(probe));
    }

    @Test
    void plainRequestsGet401403Or200TheSameWay() throws Exception {
        String probe = probe();
        HttpResponse<String> anonymous = get(deployment, "admin?probe=" + probe, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"" + TestUsers.REALM + "\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(403, get(deployment, "admin?probe=" + probe, credentials(TestUsers.USER)).statusCode());
        assertEquals("0", runs(probe));

        HttpResponse<String> admin = get(deployment, "admin?probe=" + probe, credentials(TestUsers.ADMIN));
        assertEquals(200, admin.statusCode());
        assertEquals("hello alice", admin.body());
        assertEquals("1", runs(probe));
    }

    /**
     * WildFly has no login for a WAR without a login configuration: wspair's own 401 goes out, with
     * no {@code WWW-Authenticate} (no scheme to name). Payara Micro falls back to its default, BASIC
     * against its file realm ({@code WWW-Authenticate: Basic realm=""}), which this test saw there
     * when it deployed this WAR on Payara too; that costs a second Payara server, so it runs on WildFly.
     */
    @Test
    void withoutALoginConfigurationAnAnonymousRequestGetsWspairs401WithoutAChallenge() throws Exception {
        assumeTrue(Runtime.current() == Runtime.WILDFLY, "Payara Micro starts a server per WAR");
        deployer.deploy(WITHOUT_LOGIN);
        try {
            URL noLogin = new URL(deployment, "/" + WITHOUT_LOGIN + "/");
            String probe = probe();
            try (RawClient refused = upgrade(noLogin, probe, null)) {
                assertEquals("HTTP/1.1 401", status(refused));
                assertNull(header(refused.handshakeHeaders, "WWW-Authenticate"));
            }
            HttpResponse<String> plain = get(noLogin, "admin?probe=" + probe, null);
            assertEquals(401, plain.statusCode());
            assertEquals("Authentication required for /admin", plain.body());
            assertNull(plain.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals("0", get(noLogin, "runs?probe=" + probe, null).body());
        } finally {
            deployer.undeploy(WITHOUT_LOGIN);
        }
    }

    private static String probe() {
        return UUID.randomUUID().toString();
    }

    private String runs(String probe) throws Exception {
        return get(deployment, "runs?probe=" + probe, null).body();
    }

    /** An upgrade of {@code /admin?probe=...}, with this {@code Authorization} (none if null). */
    private static RawClient upgrade(URL war, String probe, String authorization) throws Exception {
        URI uri = Urls.ws(war, "admin?probe=" + probe);
        return new RawClient(uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery(),
                authorization == null ? "" : "Authorization: " + authorization + "\r\n");
    }

    private static HttpResponse<String> get(URL war, String relative, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Urls.http(war, relative)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A test user's BASIC credentials, with the right password. */
    private static String credentials(String user) {
        return credentials(user, TestUsers.password(user));
    }

    private static String credentials(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String status(RawClient client) {
        return client.handshakeStatus.substring(0, 12);
    }

    /** The value of a header in a response head, by case-insensitive name; null when absent. */
    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
