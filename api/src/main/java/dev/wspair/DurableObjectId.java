package dev.wspair;

/**
 * The identity of one Durable Object: 64 lowercase hexadecimal digits, with the name it was derived
 * from when it came from {@link DurableObjectNamespace#idFromName(String)}. Immutable; equal ids
 * name the same object.
 */
public final class DurableObjectId {

    private final String hex;
    private final String name;

    /**
     * An id; the runtime creates them through a {@link DurableObjectNamespace}.
     *
     * @param hex 64 lowercase hexadecimal digits
     * @param name the name it was derived from, or {@code null}
     * @throws IllegalArgumentException when {@code hex} is not 64 hexadecimal digits
     */
    public DurableObjectId(String hex, String name) {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Invalid Durable Object ID: must be 64 hex digits");
        }
        this.hex = hex;
        this.name = name;
    }

    /**
     * The name this id was derived from.
     *
     * @return the name given to {@code idFromName}, or {@code null} for an id from {@code
     *     newUniqueId} or {@code idFromString}
     */
    public String name() {
        return name;
    }

    /**
     * Whether {@code other} names the same object.
     *
     * @param other an id, or {@code null}
     * @return true when both have the same digits
     */
    public boolean equals(DurableObjectId other) {
        return other != null && hex.equals(other.hex);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DurableObjectId && equals((DurableObjectId) other);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /**
     * The id as text, for {@link DurableObjectNamespace#idFromString(String)}.
     *
     * @return 64 lowercase hexadecimal digits
     */
    @Override
    public String toString() {
        return hex;
    }
}
