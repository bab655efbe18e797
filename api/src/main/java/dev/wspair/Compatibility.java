package dev.wspair;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Worker's {@code compatibility_date} and {@code compatibility_flags}, reduced to the switches
 * that change WebSocket behaviour. Each socket takes the settings in effect when it is created.
 *
 * <p>Sources, first match wins: {@link #setDefault(Compatibility)} in code; the system
 * properties {@value #DATE_PROPERTY} ({@code YYYY-MM-DD}) and {@value #FLAGS_PROPERTY}
 * (comma-separated); otherwise {@link #DEFAULT_DATE}, today's workerd behaviour.
 *
 * <table>
 * <caption>The switches</caption>
 * <tr><th>switch</th><th>on from</th><th>enable / disable flag</th><th>effect</th></tr>
 * <tr><td>{@link #autoReplyToClose()}</td><td>2026-04-07</td><td>{@code web_socket_auto_reply_to_close} /
 *     {@code web_socket_manual_reply_to_close}</td><td>a received Close is echoed unless the socket was
 *     accepted with {@code allowHalfOpen}</td></tr>
 * <tr><td>{@link #closeReasonByteLimit()}</td><td>2026-03-03</td><td>{@code websocket_close_reason_byte_limit} /
 *     {@code no_websocket_close_reason_byte_limit}</td><td>a close reason over 123 UTF-8 bytes throws</td></tr>
 * <tr><td>{@link #pedanticWpt()}</td><td>never</td><td>{@code pedantic_wpt} / {@code non_pedantic_wpt}</td>
 *     <td>only close codes 1000 and 3000–4999 are accepted</td></tr>
 * <tr><td>{@link #webSocketCompression()}</td><td>2023-08-15</td><td>{@code web_socket_compression} /
 *     {@code no_web_socket_compression}</td><td>permessage-deflate is negotiated</td></tr>
 * <tr><td>{@link #increaseMessageSize()}</td><td>never</td><td>{@code increase_websocket_message_size}</td>
 *     <td>inbound limit 128 MiB instead of 32 MiB</td></tr>
 * <tr><td>{@link #specCompliantDispatchExceptions()}</td><td>2026-09-15</td><td>{@code
 *     spec_compliant_dispatch_exceptions} / {@code no_spec_compliant_dispatch_exceptions}</td><td>the listeners
 *     after one that throws still run for that event</td></tr>
 * <tr><td>{@link #standardBinaryType()}</td><td>2026-03-17</td><td>{@code websocket_standard_binary_type} /
 *     {@code no_websocket_standard_binary_type}</td><td>accepted for configuration parity; no effect
 *     (binary data is always a {@code ByteBuffer})</td></tr>
 * </table>
 */
public final class Compatibility {

    /** The system property of the compatibility date, {@code YYYY-MM-DD}. */
    public static final String DATE_PROPERTY = "wspair.compatibilityDate";
    /** The system property of the compatibility flags, comma-separated. */
    public static final String FLAGS_PROPERTY = "wspair.compatibilityFlags";
    /** The date of the workerd release whose behaviour this library reproduces (1.20261117.1). */
    public static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 11, 17);

    private enum Switch {
        AUTO_REPLY("web_socket_auto_reply_to_close", "web_socket_manual_reply_to_close", "2026-04-07"),
        REASON_LIMIT("websocket_close_reason_byte_limit", "no_websocket_close_reason_byte_limit", "2026-03-03"),
        PEDANTIC("pedantic_wpt", "non_pedantic_wpt", null),
        COMPRESSION("web_socket_compression", "no_web_socket_compression", "2023-08-15"),
        BIG_MESSAGES("increase_websocket_message_size", null, null),
        BINARY_TYPE("websocket_standard_binary_type", "no_websocket_standard_binary_type", "2026-03-17"),
        DISPATCH_EXCEPTIONS("spec_compliant_dispatch_exceptions", "no_spec_compliant_dispatch_exceptions", "2026-09-15");

        final String enable;
        final String disable;
        final LocalDate onFrom;

        Switch(String enable, String disable, String onFrom) {
            this.enable = enable;
            this.disable = disable;
            this.onFrom = onFrom == null ? null : LocalDate.parse(onFrom);
        }
    }

    private static volatile ParsedProperties fromProperties;

    private record ParsedProperties(String key, Compatibility value) {
    }

    private final LocalDate date;
    private final Set<String> flags;
    private final boolean[] on = new boolean[Switch.values().length];

    private Compatibility(LocalDate date, Set<String> flags) {
        this.date = date;
        this.flags = flags;
        for (Switch s : Switch.values()) {
            boolean enabled = flags.contains(s.enable);
            boolean disabled = s.disable != null && flags.contains(s.disable);
            if (enabled && disabled) {
                throw new IllegalArgumentException("Compatibility flags " + s.enable + " and " + s.disable
                        + " contradict each other");
            }
            on[s.ordinal()] = enabled || (!disabled && s.onFrom != null && !date.isBefore(s.onFrom));
        }
    }

    /**
     * Settings for a compatibility date ({@code YYYY-MM-DD}) and flags.
     *
     * @param date the date, {@code YYYY-MM-DD}
     * @param flags the flags; blank ones are ignored
     * @return the settings
     * @throws IllegalArgumentException for a malformed date, an unknown flag, or two flags that
     *     contradict each other
     */
    public static Compatibility of(String date, String... flags) {
        return of(parseDate(date), Arrays.asList(flags));
    }

    /**
     * Settings for a compatibility date and flags; see {@link #of(String, String...)}.
     *
     * @param date the date
     * @param flags the flags; blank ones are ignored
     * @return the settings
     * @throws IllegalArgumentException for an unknown flag, or two flags that contradict each other
     */
    public static Compatibility of(LocalDate date, Collection<String> flags) {
        Set<String> known = Arrays.stream(Switch.values())
                .flatMap(s -> Arrays.stream(new String[] {s.enable, s.disable}))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> cleaned = new LinkedHashSet<>();
        for (String flag : flags) {
            String name = flag.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown compatibility flag \"" + name + "\"; the flags that "
                        + "change WebSockets are " + known.stream().sorted().collect(Collectors.joining(", ")));
            }
            cleaned.add(name);
        }
        return new Compatibility(Objects.requireNonNull(date, "date"), Collections.unmodifiableSet(cleaned));
    }

    /**
     * The settings of the system properties {@value #DATE_PROPERTY} and {@value #FLAGS_PROPERTY}.
     *
     * @return the settings; {@link #DEFAULT_DATE} and no flags when the properties are not set
     * @throws IllegalArgumentException when a property holds a malformed date or an unknown flag
     */
    public static Compatibility fromSystemProperties() {
        String date = System.getProperty(DATE_PROPERTY);
        String flags = System.getProperty(FLAGS_PROPERTY, "");
        String key = date + "|" + flags;
        ParsedProperties cached = fromProperties;
        if (cached == null || !cached.key.equals(key)) {
            cached = new ParsedProperties(key,
                    of(date == null ? DEFAULT_DATE : parseDate(date), Arrays.asList(flags.split(","))));
            fromProperties = cached;
        }
        return cached.value;
    }

    /**
     * The settings new sockets of the current application take.
     *
     * @return those set with {@link #setDefault}, else the application's configured ones
     *     (context-param, system property or MicroProfile Config {@value #DATE_PROPERTY} and {@value
     *     #FLAGS_PROPERTY}, read when its runtime started), else {@link #DEFAULT_DATE}; without
     *     {@code wspair-impl}, those of the system properties
     */
    public static Compatibility current() {
        return WebSocketProvider.compatibilityOfCurrentApplication();
    }

    /**
     * Sets the settings for sockets the current application creates from now on. Other
     * applications in the same JVM are not affected.
     *
     * @param compatibility the settings; {@code null} returns to the application's configured ones
     * @throws IllegalStateException without {@code wspair-impl} on the class path
     */
    public static void setDefault(Compatibility compatibility) {
        WebSocketProvider.provider().setCurrentCompatibility(compatibility);
    }

    /**
     * The compatibility date.
     *
     * @return the date
     */
    public LocalDate date() {
        return date;
    }

    /**
     * The compatibility flags given.
     *
     * @return the flags, trimmed, without blanks and repetitions, in the order given; unmodifiable
     */
    public Set<String> flags() {
        return flags;
    }

    /**
     * A received Close is echoed at once unless the socket was accepted with {@code allowHalfOpen}.
     *
     * @return whether the switch is on
     */
    public boolean autoReplyToClose() {
        return on[Switch.AUTO_REPLY.ordinal()];
    }

    /**
     * A close reason over 123 UTF-8 bytes throws a {@link SyntaxException}.
     *
     * @return whether the switch is on
     */
    public boolean closeReasonByteLimit() {
        return on[Switch.REASON_LIMIT.ordinal()];
    }

    /**
     * Only close codes 1000 and 3000–4999 are accepted.
     *
     * @return whether the switch is on
     */
    public boolean pedanticWpt() {
        return on[Switch.PEDANTIC.ordinal()];
    }

    /**
     * permessage-deflate is negotiated.
     *
     * @return whether the switch is on
     */
    public boolean webSocketCompression() {
        return on[Switch.COMPRESSION.ordinal()];
    }

    /**
     * The inbound message limit is 128 MiB instead of 32 MiB.
     *
     * @return whether the switch is on
     */
    public boolean increaseMessageSize() {
        return on[Switch.BIG_MESSAGES.ordinal()];
    }

    /**
     * After a listener throws, the remaining listeners of that event still run.
     *
     * @return whether the switch is on
     */
    public boolean specCompliantDispatchExceptions() {
        return on[Switch.DISPATCH_EXCEPTIONS.ordinal()];
    }

    /**
     * In workerd, the default {@code binaryType} becomes {@code "blob"}; no effect here (binary
     * data is always a {@code ByteBuffer}).
     *
     * @return whether the switch is on
     */
    public boolean standardBinaryType() {
        return on[Switch.BINARY_TYPE.ordinal()];
    }

    private static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(Objects.requireNonNull(date, "date").trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid compatibility date \"" + date + "\": expected YYYY-MM-DD", e);
        }
    }

    @Override
    public String toString() {
        return "Compatibility[date=" + date + ", flags=" + flags + "]";
    }
}
