package dev.wspair.arquillian;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The embedded container's settings: the {@code <configuration>} properties of its
 * {@code <container>} in {@code arquillian.xml}, all optional.
 *
 * <pre>{@code
 * <container qualifier="embedded">
 *   <configuration>
 *     <property name="bindAddress">127.0.0.1</property>
 *   </configuration>
 * </container>
 * }</pre>
 */
public class EmbeddedConfiguration implements ContainerConfiguration {

    private String bindAddress = "127.0.0.1";

    /** The defaults: {@code bindAddress} 127.0.0.1. */
    public EmbeddedConfiguration() {
    }

    /**
     * Checks that the settings can start a runtime.
     *
     * @throws ConfigurationException if {@code bindAddress} is empty
     */
    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must be set");
        }
    }

    /**
     * The address the runtime listens on, on a free port; also the host of the deployment's URL.
     *
     * @return the address, by default {@code 127.0.0.1}
     */
    public String getBindAddress() {
        return bindAddress;
    }

    /**
     * Sets the address the runtime listens on ({@code <property name="bindAddress">}).
     *
     * @param bindAddress a host name or IP address of this machine
     */
    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }
}
