package dev.wspair.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network connection as the engine sees it, reduced to what was written to it: it stands for
 * the JSR-356 bridge in engine tests (the bridge's own tests use real connections).
 */
final class SinkTransport implements Transport {

    final List<Frame> written = new CopyOnWriteArrayList<>();
    volatile boolean released;

    @Override
    public void write(Frame frame) {
        written.add(frame);
    }

    @Override
    public void release() {
        released = true;
    }

    @Override
    public long bufferedAmount() {
        return 0;
    }
}
