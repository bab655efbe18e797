package dev.wspair.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    @Test
    void withoutMembersANodeIsAlone() {
        ClusterSettings settings = ClusterSettings.read(name -> null);
        assertFalse(settings.enabled());
        assertEquals(ClusterSettings.OFF, settings);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ClusterSettings settings = ClusterSettings.read(Map.of(ClusterSettings.MEMBERS, "127.0.0.1:5701")::get);
        assertTrue(settings.enabled());
        assertEquals(List.of("127.0.0.1:5701"), settings.members());
        assertEquals("wspair", settings.name());
        assertEquals("127.0.0.1", settings.bindAddress());
        assertEquals(5701, settings.port());
        assertEquals(null, settings.advertise());
        assertEquals(Duration.ofSeconds(1), settings.heartbeat());
        assertEquals(Duration.ofSeconds(10), settings.failureTimeout());
        assertEquals(Duration.ofSeconds(10), settings.forwardTimeout());
    }

    @Test
    void everySettingIsRead() {
        ClusterSettings settings = ClusterSettings.read(Map.of(
                ClusterSettings.MEMBERS, " 10.0.0.1:5801, 10.0.0.2:5801 ,",
                ClusterSettings.NAME, "chat",
                ClusterSettings.BIND_ADDRESS, "10.0.0.1",
                ClusterSettings.PORT, "5801",
                ClusterSettings.ADVERTISE, "http://10.0.0.1:8080/app",
                ClusterSettings.HEARTBEAT, "PT2S",
                ClusterSettings.FAILURE_TIMEOUT, "PT20S",
                ClusterSettings.FORWARD_TIMEOUT, "PT5S")::get);
        assertEquals(List.of("10.0.0.1:5801", "10.0.0.2:5801"), settings.members());
        assertEquals("chat", settings.name());
        assertEquals("10.0.0.1", settings.bindAddress());
        assertEquals(5801, settings.port());
        assertEquals(URI.create("http://10.0.0.1:8080/app/"), settings.advertise());
        assertEquals(Duration.ofSeconds(2), settings.heartbeat());
        assertEquals(Duration.ofSeconds(20), settings.failureTimeout());
        assertEquals(Duration.ofSeconds(5), settings.forwardTimeout());
        assertEquals(URI.create("http://10.0.0.1:8080/app/"),
                settings.advertisingByDefault(URI.create("http://127.0.0.1:1/")).advertise(), "a configured URL wins");
    }

    @Test
    void anAdvertisedServerWithoutAPathTakesTheApplicationsPath() {
        ClusterSettings settings = ClusterSettings.read(Map.of(ClusterSettings.MEMBERS, "127.0.0.1:5701",
                ClusterSettings.ADVERTISE, "http://10.0.0.1:8080")::get);
        assertEquals(URI.create("http://10.0.0.1:8080"), settings.advertise());
        assertEquals(URI.create("http://10.0.0.1:8080/chat/"),
                settings.advertisingByDefault(URI.create("/chat/")).advertise(), "a WAR's context path");
        assertEquals(URI.create("http://10.0.0.1:8080/"),
                settings.advertisingByDefault(URI.create("http://127.0.0.1:1/")).advertise(), "the root");
        assertEquals(URI.create("/chat/"), ClusterSettings.read(Map.of(ClusterSettings.MEMBERS, "127.0.0.1:5701")::get)
                .advertisingByDefault(URI.create("/chat/")).advertise(), "unset: the runtime's own, relative or not");
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.read(Map.of(
                ClusterSettings.MEMBERS, "127.0.0.1:5701", ClusterSettings.ADVERTISE, "10.0.0.1:8080/app")::get));
    }

    @Test
    void aFailureTimeoutNotLongerThanTheHeartbeatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.read(Map.of(
                ClusterSettings.MEMBERS, "127.0.0.1:5701", ClusterSettings.FAILURE_TIMEOUT, "PT1S")::get));
    }
}
