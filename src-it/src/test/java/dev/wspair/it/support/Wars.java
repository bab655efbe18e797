package dev.wspair.it.support;

import java.io.File;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Test WARs: application classes, the wspair jars in WEB-INF/lib, annotated bean discovery. */
public final class Wars {

    private Wars() {
    }

    public static WebArchive of(String name, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(library("wspair-api.jar"), library("wspair-impl.jar"));
        return war;
    }

    /** The conformance peer: its whole package but the standalone launcher. */
    public static WebArchive peer(String name) {
        return of(name).addPackage(dev.wspair.conformance.PeerRoute.class.getPackage())
                .deleteClass(dev.wspair.conformance.Main.class);
    }

    /** A jar that the build copied to {@code it.libs}. */
    static File library(String name) {
        File jar = Path.of(System.getProperty("it.libs", "target/it-libs"), name).toFile();
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing: run the build through 'mvn verify'");
        }
        return jar;
    }
}
