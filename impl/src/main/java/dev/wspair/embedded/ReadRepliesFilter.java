package dev.wspair.embedded;

import dev.wspair.engine.ReadReplies;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;

/**
 * Tyrus's filter, with each read it handles inside a {@link ReadReplies}: Tyrus parses the frames of
 * a read and delivers their messages on the reading thread, one after another, so what a socket
 * sends back to its own peer meanwhile is written once after the last of them instead of once per
 * message. A small-message echo with 16 messages in flight spent 5.8 of its 15 µs per message in
 * the {@code write} call ({@code bench/profile.sh small}); Node's ws writes what one tick sent in
 * one call too. Everything else is Tyrus's filter's own. {@code wspair.embedded.repliesPerRead=false}
 * leaves it out.
 */
final class ReadRepliesFilter implements Filter {

    private final Filter tyrus;

    private ReadRepliesFilter(Filter tyrus) {
        this.tyrus = tyrus;
    }

    /** An add-on that wraps Tyrus's filter; registered after Tyrus's own add-on and after {@link UnmaskingFilter}'s. */
    static AddOn addOn() {
        return (listener, builder) -> {
            Class<? extends Filter> type = UnmaskingFilter.tyrusFilterType();
            int index = type == null ? -1 : builder.indexOfType(type);
            if (index >= 0) {
                builder.set(index, new ReadRepliesFilter(builder.get(index)));
            }
        };
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        try (ReadReplies read = ReadReplies.open()) {
            return tyrus.handleRead(ctx);
        }
    }

    @Override
    public void onAdded(FilterChain chain) {
        tyrus.onAdded(chain);
    }

    @Override
    public void onRemoved(FilterChain chain) {
        tyrus.onRemoved(chain);
    }

    @Override
    public void onFilterChainChanged(FilterChain chain) {
        tyrus.onFilterChainChanged(chain);
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        return tyrus.handleWrite(ctx);
    }

    @Override
    public NextAction handleConnect(FilterChainContext ctx) throws IOException {
        return tyrus.handleConnect(ctx);
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        return tyrus.handleAccept(ctx);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        return tyrus.handleEvent(ctx, event);
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        return tyrus.handleClose(ctx);
    }

    @Override
    public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
        tyrus.exceptionOccurred(ctx, error);
    }
}
