package dev.wspair.it.embedded;

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
import java.util.List;
import java.util.stream.Stream;
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

/**
 * Deploys a WAR on the embedded runtime: the archive's bean classes (loaded from the test class
 * path, where the same classes are) become the CDI application, its web resources the static files.
 * For client-side tests ({@code testable = false}); the context root is {@code /}.
 */
public class EmbeddedContainer implements DeployableContainer<EmbeddedConfiguration> {

    private EmbeddedConfiguration configuration;
    private EmbeddedServer server;
    private Path exploded;

    @Override
    public Class<EmbeddedConfiguration> getConfigurationClass() {
        return EmbeddedConfiguration.class;
    }

    @Override
    public void setup(EmbeddedConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

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
    private static java.util.Map<String, String> contextParams(java.nio.file.Path webXml) throws IOException {
        java.util.Map<String, String> params = new java.util.HashMap<>();
        if (!Files.isRegularFile(webXml)) {
            return params;
        }
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            org.w3c.dom.NodeList found = factory.newDocumentBuilder().parse(webXml.toFile())
                    .getElementsByTagNameNS("*", "context-param");
            for (int i = 0; i < found.getLength(); i++) {
                org.w3c.dom.Element param = (org.w3c.dom.Element) found.item(i);
                params.put(param.getElementsByTagNameNS("*", "param-name").item(0).getTextContent().trim(),
                        param.getElementsByTagNameNS("*", "param-value").item(0).getTextContent().trim());
            }
            return params;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("Cannot read " + webXml, e);
        }
    }

    /** The archive's classes that annotated bean discovery would find. */
    private static List<Class<?>> beanClasses(Archive<?> archive) throws ClassNotFoundException {
        List<Class<?>> beans = new ArrayList<>();
        for (ArchivePath path : archive.getContent(Filters.include("/WEB-INF/classes/.*\\.class")).keySet()) {
            String name = path.get().substring("/WEB-INF/classes/".length(), path.get().length() - ".class".length())
                    .replace('/', '.');
            Class<?> type = Class.forName(name, false, EmbeddedContainer.class.getClassLoader());
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
        }
    }
}
