package dev.wspair.cdi;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * {@code @Inject DurableObjectNamespace<ChatRoom> rooms}: the namespace of the object class named by
 * the type argument, in the application the injection happens for.
 */
@ApplicationScoped
public class NamespaceProducer {

    @Produces
    @Dependent
    public <T extends DurableObject> DurableObjectNamespace<T> namespace(InjectionPoint point) {
        return DurableObjectNamespace.of(objectClass(point.getType()));
    }

    @SuppressWarnings("unchecked")
    private static <T extends DurableObject> Class<T> objectClass(Type injected) {
        if (injected instanceof ParameterizedType) {
            Type argument = ((ParameterizedType) injected).getActualTypeArguments()[0];
            if (argument instanceof Class && DurableObject.class.isAssignableFrom((Class<?>) argument)) {
                return (Class<T>) argument;
            }
        }
        throw new IllegalArgumentException("Inject a DurableObjectNamespace with its object class, e.g."
                + " DurableObjectNamespace<ChatRoom>; got " + injected);
    }
}
