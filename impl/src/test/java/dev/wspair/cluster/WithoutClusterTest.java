package dev.wspair.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wspair.testkit.ClassPathWithout;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast is optional: a runtime without {@code wspair.cluster.members}, on a class path without
 * Hazelcast's jar, starts, serves its objects alone and stops; it has no cluster and no link route.
 */
class WithoutClusterTest {

    @Test
    void aRuntimeWithoutMembersNeedsNoHazelcast() throws Exception {
        try (URLClassLoader bare = ClassPathWithout.loader("hazelcast")) {
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
