package dev.wspair.objects;

/**
 * workerd's exact texts and limits for the Hibernation API, as read from workerd's source and each
 * seen in a run of workerd ({@code src-it/workerd/OBJECTS-OBSERVED.md}).
 */
final class ObjectMessages {

    static final int MAX_TAGS = 10;
    static final int MAX_TAG_BYTES = 256;
    static final int MAX_SOCKETS = 32768;
    static final int MAX_AUTO_RESPONSE_BYTES = 2048;
    static final long MAX_EVENT_TIMEOUT_MS = 604_800_000L;

    static final String TOO_MANY_TAGS = "a Hibernatable WebSocket cannot have more than 10 tags";
    static final String TOO_MANY_SOCKETS = "only 32768 websockets can be accepted on a single Durable Object instance";
    static final String TAGS_NOT_HIBERNATABLE = "only hibernatable websockets can have tags.";
    static final String TAGS_NOT_ACCEPTED =
            "you must call 'acceptWebSocket()' before attempting to access the tags of a WebSocket.";
    static final String EVENT_TIMEOUT_TOO_LONG = "Event timeout should not exceed 604800000 ms.";

    private ObjectMessages() {
    }

    static String tagTooLong(String tag) {
        return "\"" + tag + "\" is longer than the max tag length (256 characters).";
    }

    static String requestTooLarge(int bytes) {
        return "Request cannot be larger than 2048 bytes. A request of size " + bytes + " was provided.";
    }

    static String responseTooLarge(int bytes) {
        return "Response cannot be larger than 2048 bytes. A response of size " + bytes + " was provided.";
    }
}
