package dev.wspair.it.support;

import java.io.File;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
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

    /** {@code war} with Micrometer (core and what it needs at run time) in WEB-INF/lib: wspair's metrics switch on. */
    public static WebArchive withMicrometer(WebArchive war) {
        return war.addAsLibraries(library("micrometer-core.jar"), library("micrometer-commons.jar"),
                library("micrometer-observation.jar"), library("HdrHistogram.jar"));
    }

    /** A WAR without wspair in WEB-INF/lib: it finds the library some other way (an EAR's lib/, a shared deployment). */
    public static WebArchive withoutLibrary(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** {@code war} with these {@code <context-param>}s in its web.xml (name, value, name, value...). */
    public static WebArchive withContextParams(WebArchive war, String... nameValues) {
        StringBuilder xml = new StringBuilder("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        for (int i = 0; i < nameValues.length; i += 2) {
            xml.append("  <context-param><param-name>").append(nameValues[i]).append("</param-name><param-value>")
                    .append(nameValues[i + 1]).append("</param-value></context-param>\n");
        }
        return war.setWebXML(new StringAsset(xml.append("</web-app>\n").toString()));
    }

    /** An EAR with the wspair jars in its lib/, shared by {@code wars}. */
    public static EnterpriseArchive ear(String name, WebArchive... wars) {
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, name + ".ear")
                .addAsLibraries(library("wspair-api.jar"), library("wspair-impl.jar"));
        for (WebArchive war : wars) {
            ear.addAsModule(war);
        }
        return ear;
    }

    /** wspair-api and wspair-impl merged into one jar, to deploy on its own and share between deployments (WildFly). */
    public static JavaArchive sharedLibrary(String name) {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar")
                .merge(ShrinkWrap.create(ZipImporter.class).importFrom(library("wspair-api.jar")).as(JavaArchive.class))
                .merge(ShrinkWrap.create(ZipImporter.class).importFrom(library("wspair-impl.jar")).as(JavaArchive.class));
    }

    /** {@code war} using the classes (and services) of the deployment {@code library} (WildFly's jboss-deployment-structure). */
    public static WebArchive sharing(WebArchive war, String library) {
        return war.addAsWebInfResource(new StringAsset("<jboss-deployment-structure><deployment><dependencies>"
                + "<module name=\"deployment." + library + ".jar\" services=\"import\"/>"
                + "</dependencies></deployment></jboss-deployment-structure>"), "jboss-deployment-structure.xml");
    }

    /** The conformance peer: its whole package but the standalone launcher. */
    public static WebArchive peer(String name) {
        return of(name).addPackage(dev.wspair.conformance.PeerRoute.class.getPackage())
                .deleteClass(dev.wspair.conformance.Main.class);
    }

    /**
     * The conformance peer whose objects (the protocol of {@code src-it/workerd/objects.js}'s header) live as long as the deployment, as
     * workerd's {@code preventEviction}: the objects peer keeps its log in the object.
     */
    public static WebArchive objectsPeer(String name) {
        return withContextParams(peer(name), "wspair.objects.hibernateAfter", "P3650D");
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
