package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published jars on the module path (README, "Java modules"): {@code wspair-api} is the explicit
 * module {@code dev.wspair.api}, {@code wspair-impl} the automatic module {@code dev.wspair.impl}
 * (its manifest's name), and resolving the api with service binding brings in the engine through
 * impl's {@code META-INF/services} entry. The jars are the ones the build packaged ({@code
 * it.libs}), in a module layer of their own; what they need beyond themselves (Jakarta APIs) comes
 * from the class path, as an automatic module reads it.
 */
class ModulePathIT {

    private static Path library(String name) {
        Path jar = Path.of(System.getProperty("it.libs", "target/it-libs"), name);
        assertTrue(Files.isRegularFile(jar), () -> jar + " is missing: run the build through 'mvn verify'");
        return jar;
    }

    @Test
    void theApiModuleFindsTheEngineInImplsAutomaticModule() throws Exception {
        ModuleFinder jars = ModuleFinder.of(library("wspair-api.jar"), library("wspair-impl.jar"));
        // only the api is asked for: the impl comes in because it provides the service the api uses
        Configuration modules = ModuleLayer.boot().configuration().resolveAndBind(jars, ModuleFinder.of(),
                Set.of("dev.wspair.api"));
        ModuleDescriptor api = modules.findModule("dev.wspair.api").orElseThrow().reference().descriptor();
        assertTrue(!api.isAutomatic() && api.uses().contains("dev.wspair.WebSocketProvider"), api::toString);
        ModuleDescriptor impl = modules.findModule("dev.wspair.impl")
                .orElseThrow(() -> new AssertionError("dev.wspair.impl was not bound as a provider: " + modules))
                .reference().descriptor();
        assertTrue(impl.isAutomatic(), impl::toString);
        assertTrue(impl.provides().stream().anyMatch(p -> p.service().equals("dev.wspair.WebSocketProvider")
                && p.providers().equals(List.of("dev.wspair.runtime.RuntimeProvider"))), impl::toString);

        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(modules, ClassLoader.getSystemClassLoader());
        ClassLoader loader = layer.findLoader("dev.wspair.api");
        Class<?> spi = loader.loadClass("dev.wspair.WebSocketProvider");
        assertEquals(layer.findModule("dev.wspair.api").orElseThrow(), spi.getModule(), "the api from the layer");
        Object provider = spi.getMethod("provider").invoke(null);
        assertEquals("dev.wspair.impl", provider.getClass().getModule().getName(), () -> provider.getClass().getModule().toString());
        assertEquals(layer, provider.getClass().getModule().getLayer(), "the engine from the layer, not the class path");

        // and it works: a pair whose two ends are open WebSockets (in the layer's default runtime,
        // closed after: its threads do not outlive the test)
        Class<?> runtimeType = loader.loadClass("dev.wspair.runtime.ApplicationRuntime");
        try {
            Class<?> pairType = loader.loadClass("dev.wspair.WebSocketPair");
            Object pair = pairType.getConstructor().newInstance();
            for (String end : List.of("client", "server")) {
                Object socket = pairType.getMethod(end).invoke(pair);
                assertNotNull(socket, end);
                assertEquals(1, socket.getClass().getMethod("readyState").invoke(socket), end + " is OPEN");
            }
        } finally {
            runtimeType.getMethod("close").invoke(runtimeType.getMethod("current").invoke(null));
        }
    }
}
