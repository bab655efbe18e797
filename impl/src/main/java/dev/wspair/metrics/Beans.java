package dev.wspair.metrics;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.Set;

/** The application's bean of a type, if it has exactly one. */
final class Beans {

    private static final System.Logger LOG = System.getLogger(Beans.class.getName());

    private Beans() {
    }

    /** The application's {@code type} bean; null without a bean manager, without such a bean, or with several. */
    static <T> T lookup(BeanManager beans, Class<T> type) {
        if (beans == null) {
            return null;
        }
        try {
            Set<Bean<?>> found = beans.getBeans(type);
            if (found.isEmpty()) {
                return null;
            }
            Bean<?> bean = beans.resolve(found);
            if (bean == null) {
                return null;
            }
            return type.cast(beans.getReference(bean, type, beans.createCreationalContext(bean)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The application's " + type.getSimpleName() + " bean cannot be used; the global one is", e);
            return null;
        }
    }
}
