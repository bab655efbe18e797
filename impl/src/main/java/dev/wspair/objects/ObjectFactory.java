package dev.wspair.objects;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates the instances of one object class: with its public {@code (DurableObjectState)}
 * constructor, else its public no-argument one; then, with CDI, its {@code @Inject} fields and
 * initializers and its {@code @PostConstruct} method. The instance is not a bean: its dependent
 * objects go with it when it is dropped.
 */
final class ObjectFactory<T extends DurableObject> {

    private final Constructor<T> constructor;
    private final boolean takesState;
    private final InjectionTarget<T> injection;
    private final BeanManager beans;

    ObjectFactory(Class<T> type, BeanManager beans) {
        Constructor<T> withState = null;
        try {
            withState = type.getConstructor(DurableObjectState.class);
        } catch (NoSuchMethodException none) {
            // the no-argument constructor, below
        }
        try {
            this.constructor = withState != null ? withState : type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName()
                    + " needs a public constructor taking a DurableObjectState, or a public no-argument one", e);
        }
        this.takesState = withState != null;
        this.beans = beans;
        this.injection = beans == null ? null
                : beans.getInjectionTargetFactory(beans.createAnnotatedType(type)).createInjectionTarget(null);
    }

    T create(DurableObjectState state) {
        T instance;
        try {
            instance = takesState ? constructor.newInstance(state) : constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("The constructor of " + constructor.getDeclaringClass().getName() + " threw", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + constructor.getDeclaringClass().getName(), e);
        }
        if (injection != null) {
            CreationalContext<T> context = beans.createCreationalContext(null);
            injection.inject(instance, context);
            injection.postConstruct(instance);
        }
        return instance;
    }
}
