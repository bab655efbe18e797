package dev.wspair.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link EmbeddedContainer} with Arquillian (through {@code META-INF/services}) whenever
 * this jar is on the test class path. Arquillian runs one adapter per test JVM: to run the same
 * tests on WildFly or Payara, put that server's adapter on the class path instead of this one (a
 * Maven profile, or Surefire's {@code classpathDependencyExcludes} per execution).
 */
public class EmbeddedExtension implements LoadableExtension {

    /** Called by Arquillian's extension loader. */
    public EmbeddedExtension() {
    }

    /**
     * Registers the embedded runtime as Arquillian's {@link DeployableContainer}.
     *
     * @param builder Arquillian's registry of services
     */
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, EmbeddedContainer.class);
    }
}
