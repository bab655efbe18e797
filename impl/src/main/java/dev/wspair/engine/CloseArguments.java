package dev.wspair.engine;

import dev.wspair.Compatibility;
import dev.wspair.InvalidAccessException;
import dev.wspair.SyntaxException;

/** Validation of {@code close(code, reason)}, run before any state check, in workerd's order. */
final class CloseArguments {

    static final int MAX_REASON_BYTES = 123;

    private CloseArguments() {
    }

    /**
     * Checks the arguments ({@code null}: not given) and returns the reason to send: converted to a
     * USVString, {@code ""} when none was given.
     */
    static String validate(Integer code, String reason, Compatibility compatibility) {
        if (code != null && !validCode(code, compatibility.pedanticWpt())) {
            throw new InvalidAccessException(Messages.invalidCloseCode(code));
        }
        String usv = reason == null ? "" : Utf8.toUsvString(reason);
        if (compatibility.closeReasonByteLimit() && Utf8.length(usv) > MAX_REASON_BYTES) {
            throw new SyntaxException(Messages.REASON_TOO_LONG);
        }
        if (reason != null && code == null) {
            throw new InvalidAccessException(Messages.REASON_WITHOUT_CODE);
        }
        return usv;
    }

    static boolean validCode(int code, boolean pedantic) {
        if (pedantic) {
            return code == 1000 || (code >= 3000 && code <= 4999);
        }
        return code >= 1000 && code <= 4999 && code != 1004 && code != 1005 && code != 1006 && code != 1015;
    }
}
