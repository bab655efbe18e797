package dev.wspair.it.embedded;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the embedded runtime's adapter, only in the test run for that runtime (one adapter per JVM). */
public class EmbeddedExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("embedded".equals(System.getProperty("arquillian.launch"))) {
            builder.service(DeployableContainer.class, EmbeddedContainer.class);
        }
    }
}
