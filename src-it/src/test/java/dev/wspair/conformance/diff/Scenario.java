package dev.wspair.conformance.diff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario: a stable short name, the peer options (query parameters of {@code /peer}), and the
 * client's script. {@code facts} states what the script does that the documented differences'
 * predicates need to know (for example the arguments of the peer's own close).
 */
public record Scenario(String name, String spec, String summary, Map<String, String> options, Facts facts,
        Script script) {

    /** The client's part of a scenario. */
    @FunctionalInterface
    public interface Script {
        void run(Driver driver) throws Exception;
    }

    /**
     * What the scenario does, as far as the registry of documented differences needs it.
     *
     * @param peerCloses the peer's first successful {@code close()} call comes before any Close from
     *        the client: {@code ownCode} is its code (1005 for a call without a code),
     *        {@code ownReason} its reason
     * @param clientEmptyClose the client sends a Close frame with an empty body
     * @param clientClosesFirst the client's Close reaches the peer before the peer closes
     * @param clientDropsAfterClose the client resets TCP once the peer logged its close event
     * @param closeInOneWrite the client's Close is written in one TCP write with the messages before it,
     *        so the peer reads it before it has handled them
     */
    public record Facts(boolean peerCloses, int ownCode, String ownReason, boolean clientEmptyClose,
            boolean clientClosesFirst, boolean clientDropsAfterClose, boolean closeInOneWrite) {
        public static final Facts NONE = new Facts(false, 0, null, false, false, false, false);

        public static Facts peerCloses(int code, String reason) {
            return new Facts(true, code, reason, false, false, false, false);
        }

        public static Facts clientCloses() {
            return new Facts(false, 0, null, false, true, false, false);
        }

        public static Facts clientClosesEmpty() {
            return new Facts(false, 0, null, true, true, false, false);
        }

        public static Facts clientClosesThenDrops() {
            return new Facts(false, 0, null, false, true, true, false);
        }

        /** The same facts, with the client's Close written in one TCP write with the messages before it. */
        public Facts withCloseInOneWrite() {
            return new Facts(peerCloses, ownCode, ownReason, clientEmptyClose, clientClosesFirst, clientDropsAfterClose, true);
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Fluent construction for the catalog. */
    public static final class Builder {
        private final String name;
        private String spec = "";
        private String summary = "";
        private final Map<String, String> options = new LinkedHashMap<>();
        private Facts facts = Facts.NONE;

        private Builder(String name) {
            if (!name.matches("[a-z0-9-]{1,40}")) {
                throw new IllegalArgumentException("scenario name must be [a-z0-9-]{1,40}: " + name);
            }
            this.name = name;
        }

        public Builder spec(String spec) {
            this.spec = spec;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public Builder halfOpen() {
            return option("halfOpen", "1");
        }

        public Builder onClose(String value) {
            return option("onClose", value);
        }

        public Builder facts(Facts facts) {
            this.facts = facts;
            return this;
        }

        public Scenario script(Script script) {
            return new Scenario(name, spec, summary, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options)),
                    facts, script);
        }
    }
}
