package dev.wspair;

import java.util.Optional;

/** The options of {@link WebSocket#accept(AcceptOptions)}: {@code accept({allowHalfOpen})}. */
public final class AcceptOptions {

    /** No options: the half-open default comes from the compatibility settings. */
    public static final AcceptOptions DEFAULT = new AcceptOptions(null);

    private static final AcceptOptions HALF_OPEN = new AcceptOptions(true);
    private static final AcceptOptions AUTO_REPLY = new AcceptOptions(false);

    private final Boolean allowHalfOpen;

    private AcceptOptions(Boolean allowHalfOpen) {
        this.allowHalfOpen = allowHalfOpen;
    }

    /**
     * {@code true}: a received Close is not answered; the {@code close} event sees {@link
     * WebSocket#CLOSING} and the application calls {@code close()} when it is ready. {@code false}:
     * a received Close is echoed at once, even with a compatibility date before 2026-04-07.
     *
     * @param allowHalfOpen whether a received Close waits for the application's {@code close()}
     * @return the options with that setting
     */
    public static AcceptOptions allowHalfOpen(boolean allowHalfOpen) {
        return allowHalfOpen ? HALF_OPEN : AUTO_REPLY;
    }

    /**
     * The {@code allowHalfOpen} setting.
     *
     * @return the value given, or empty when the compatibility default applies
     */
    public Optional<Boolean> allowHalfOpen() {
        return Optional.ofNullable(allowHalfOpen);
    }

    @Override
    public String toString() {
        return allowHalfOpen == null ? "{}" : "{allowHalfOpen: " + allowHalfOpen + "}";
    }
}
