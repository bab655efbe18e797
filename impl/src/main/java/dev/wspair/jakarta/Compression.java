package dev.wspair.jakarta;

import dev.wspair.Compatibility;
import jakarta.websocket.Extension;
import java.util.List;

/**
 * permessage-deflate, as {@code web_socket_compression} asks (on by default since 2023-08-15),
 * configured the way each container needs it; the application always sees uncompressed payloads.
 * <ul>
 * <li>Tyrus (embedded runtime, Payara): Tyrus's {@code PerMessageDeflateExtension}, from {@code
 * org.glassfish.tyrus.ext:tyrus-extension-deflate} (bundled in the WAR for Payara).</li>
 * <li>Undertow (WildFly): an extension named {@code permessage-deflate} in the endpoint's
 * configuration; Undertow compresses itself once the server enables it ({@code
 * per-message-deflate=true} and a {@code deflater-level} above 0 in the undertow subsystem).</li>
 * </ul>
 */
public final class Compression {

    private static final String NAME = "permessage-deflate";
    private static final String TYRUS_DEFLATE = "org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension";

    private Compression() {
    }

    /** The extensions to offer or accept, for the container that {@code container} belongs to. */
    public static List<Extension> extensions(Object container, Compatibility compatibility) {
        if (!compatibility.webSocketCompression()) {
            return List.of();
        }
        if (implementedBy(container, "org.glassfish.tyrus.")) {
            Extension deflate = tyrusDeflate(container.getClass().getClassLoader());
            return deflate == null ? List.of() : List.of(deflate);
        }
        if (implementedBy(container, "io.undertow.")) {
            return List.of(new NamedExtension());
        }
        return List.of();
    }

    /** Whether the class of {@code container}, or a superclass (the embedded runtime extends Tyrus's), is in {@code prefix}. */
    private static boolean implementedBy(Object container, String prefix) {
        for (Class<?> type = container.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Extension tyrusDeflate(ClassLoader tyrus) {
        for (ClassLoader loader : new ClassLoader[] {Compression.class.getClassLoader(), tyrus,
                Thread.currentThread().getContextClassLoader()}) {
            try {
                return (Extension) Class.forName(TYRUS_DEFLATE, true, loader).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                // not on this class path
            }
        }
        return null;
    }

    /** An extension known by its name only: Undertow implements it. */
    private static final class NamedExtension implements Extension {
        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }
}
