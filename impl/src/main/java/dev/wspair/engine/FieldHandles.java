package dev.wspair.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@link VarHandle} on a field of the calling class, for the counters and flags that are plain
 * volatile fields instead of atomic objects (one object less each, in classes held once per
 * socket).
 */
public final class FieldHandles {

    private FieldHandles() {
    }

    /** {@code lookup}'s class's field {@code name} of {@code type}: call with {@code MethodHandles.lookup()}. */
    public static VarHandle of(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
