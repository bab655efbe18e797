package dev.wspair.arquillian;

import dev.wspair.embedded.EmbeddedServer;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.inject.Stereotype;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Deploys a test's WAR on wspair's embedded runtime ({@link EmbeddedServer}): one runtime per
 * deployment, started by {@link #deploy} and closed by {@link #undeploy}.
 *
 * <p>The archive's classes under {@code WEB-INF/classes} that annotated bean discovery would find
 * (a scope, {@code @Dependent} or a stereotype) become the CDI application; they are loaded from the
 * test class path (the thread's context class loader), where the same classes are, not from the
 * archive. Its web resources are the static files, and the {@code <context-param>}s of its
 * {@code WEB-INF/web.xml} are the runtime's settings. Libraries in {@code WEB-INF/lib} are not
 * loaded: the test class path has them.
 *
 * <p>For client-side tests ({@code @Deployment(testable = false)}): there is no servlet container
 * to run a test inside. The context root is {@code /}: {@code @ArquillianResource URL} is
 * {@code http://127.0.0.1:PORT/}, and WebSocket routes answer at {@code ws://127.0.0.1:PORT/...}.
 * The embedded runtime has no servlets and checks no roles (see wspair's README).
 */
public class EmbeddedContainer implements DeployableContainer<EmbeddedConfiguration> {

    private EmbeddedConfiguration configuration;
    private EmbeddedServer server;
    private Path exploded;

    /** Called by Arquillian. */
    public EmbeddedContainer() {
    }

    @Override
    public Class<EmbeddedConfiguration> getConfigurationClass() {
        return EmbeddedConfiguration.class;
    }

    @Override
    public void setup(EmbeddedConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Arquillian's {@code Local} protocol: the tests and the runtime share one JVM.
     *
     * @return the protocol's description
     */
    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    /**
     * Starts an embedded runtime with the archive's beans, static files and settings.
     *
     * @param archive a WAR
     * @return one HTTP context, the runtime's address and port, with the context root {@code /}
     * @throws DeploymentException if the runtime does not start or a class of the archive is not on
     *         the test class path
     */
    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        try {
            exploded = Files.createTempDirectory("wspair-embedded");
            archive.as(ExplodedExporter.class).exportExploded(exploded.toFile(), "app");
            EmbeddedServer.Builder builder = EmbeddedServer.builder().host(configuration.getBindAddress())
                    .beanClasses(beanClasses(archive).toArray(Class<?>[]::new))
                    .staticFiles(exploded.resolve("app"));
            contextParams(exploded.resolve("app/WEB-INF/web.xml")).forEach(builder::setting);
            server = builder.start();
        } catch (IOException | ClassNotFoundException e) {
            throw new DeploymentException("The embedded runtime did not start " + archive.getName(), e);
        }
        HTTPContext context = new HTTPContext(configuration.getBindAddress(), server.port());
        context.add(new Servlet("default", ""));
        return new ProtocolMetaData().addContext(context);
    }

    /** The {@code <context-param>}s of a web.xml, as a servlet container reads them. */
    private static Map<String, String> contextParams(Path webXml) throws IOException {
        Map<String, String> params = new HashMap<>();
        if (!Files.isRegularFile(webXml)) {
            return params;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList found = factory.newDocumentBuilder().parse(webXml.toFile()).getElementsByTagNameNS("*", "context-param");
            for (int i = 0; i < found.getLength(); i++) {
                Element param = (Element) found.item(i);
                params.put(param.getElementsByTagNameNS("*", "param-name").item(0).getTextContent().trim(),
                        param.getElementsByTagNameNS("*", "param-value").item(0).getTextContent().trim());
            }
            return params;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read " + webXml, e);
        }
    }

    /** The archive's classes that annotated bean discovery would find. */
    private static List<Class<?>> beanClasses(Archive<?> archive) throws ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = EmbeddedContainer.class.getClassLoader();
        }
        List<Class<?>> beans = new ArrayList<>();
        for (ArchivePath path : archive.getContent(Filters.include("/WEB-INF/classes/.*\\.class")).keySet()) {
            String name = path.get().substring("/WEB-INF/classes/".length(), path.get().length() - ".class".length())
                    .replace('/', '.');
            Class<?> type = Class.forName(name, false, loader);
            if (isBean(type)) {
                beans.add(type);
            }
        }
        return beans;
    }

    private static boolean isBean(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            Class<? extends Annotation> kind = annotation.annotationType();
            if (kind == Dependent.class || kind.isAnnotationPresent(NormalScope.class) || kind.isAnnotationPresent(Stereotype.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the runtime and deletes the exploded archive.
     *
     * @param archive the deployed WAR
     */
    @Override
    public void undeploy(Archive<?> archive) {
        if (server != null) {
            server.close();
            server = null;
        }
        if (exploded != null) {
            try (Stream<Path> files = Files.walk(exploded)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exploded = null;
        }
    }
}
