package dev.wspair.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A connection that completes each write at once and records what it was told; "end" is each
 * {@code writeHeld()} (a hand-over that completions made go round again ends twice).
 */
class RecordingWriter implements FrameWriter {
    final List<String> log = new ArrayList<>();

    @Override
    public void write(Frame frame, Consumer<Throwable> done) {
        write(frame, done, false);
    }

    @Override
    public synchronized void write(Frame frame, Consumer<Throwable> done, boolean more) {
        log.add(frame + (more ? " more" : " last"));
        done.accept(null);
    }

    @Override
    public synchronized void writeHeld() {
        log.add("end");
    }

    @Override
    public synchronized void close(int code, String reason) {
        log.add("close");
    }

    /** The log with each run of "end"s as one: where a hand-over ended. */
    synchronized List<String> ends() {
        return ends(log);
    }

    static List<String> ends(List<String> log) {
        List<String> out = new ArrayList<>();
        for (String entry : log) {
            if (!(entry.equals("end") && !out.isEmpty() && out.get(out.size() - 1).equals("end"))) {
                out.add(entry);
            }
        }
        return out;
    }
}
