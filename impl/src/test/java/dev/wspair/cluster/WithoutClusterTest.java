package dev.wspair.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast is optional: a runtime without {@code wspair.cluster.members}, on a class path without
 * Hazelcast's jar, starts, serves its objects alone and stops; it has no cluster and no link route.
 */
class WithoutClusterTest {

    @Test
    void aRuntimeWithoutMembersNeedsNoHazelcast() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains("hazelcast") && !entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader bare = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("com.hazelcast.core.Hazelcast"));
            Class<?> runtimeType = bare.loadClass("dev.wspair.runtime.ApplicationRuntime");
            Object builder = runtimeType.getMethod("builder", String.class).invoke(null, "alone");
            AutoCloseable runtime = (AutoCloseable) builder.getClass().getMethod("start").invoke(builder);
            try {
                assertNull(runtimeType.getMethod("cluster").invoke(runtime));
                assertNull(runtimeType.getMethod("linkRoute").invoke(runtime));
                Object objects = runtimeType.getMethod("objects").invoke(runtime);
                Object placement = objects.getClass().getMethod("placement").invoke(objects);
                assertEquals(bare.loadClass("dev.wspair.objects.Placement").getField("SINGLE_NODE").get(null), placement);
            } finally {
                runtime.close();
            }
        }
    }
}
