package dev.wspair.engine;

import java.time.Duration;

/**
 * How much a socket may have waiting to be written, and for how long, before it fails: the
 * backpressure of a network connection (an in-memory pair has none).
 *
 * @param bufferLimit bytes of text and binary frames queued or in flight ({@code bufferedAmount()}); 0: no limit
 * @param rejectOverLimit true: a send over the limit throws and queues nothing; false: the socket fails
 * @param sendTimeout how long the oldest frame in flight may wait for the connection; zero: no limit
 */
public record SendLimits(long bufferLimit, boolean rejectOverLimit, Duration sendTimeout) {

    /** No limits. */
    public static final SendLimits NONE = new SendLimits(0, false, Duration.ZERO);

    /** The close code the peer gets when its socket fails for not reading: a policy violation. */
    public static final int FAILED_CODE = 1008;
    public static final String OVER_LIMIT_REASON = "send buffer limit exceeded";
    public static final String TIMEOUT_REASON = "send timeout";
}
