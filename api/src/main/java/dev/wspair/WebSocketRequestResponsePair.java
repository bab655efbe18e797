package dev.wspair;

import java.util.Objects;

/**
 * A request text and its automatic response, for {@link
 * DurableObjectState#setWebSocketAutoResponse(WebSocketRequestResponsePair)}. Immutable. (workerd
 * has {@code request} and {@code response} properties; the docs' {@code getRequest()} and {@code
 * getResponse()} are here too.)
 */
public final class WebSocketRequestResponsePair {

    private final String request;
    private final String response;

    /**
     * A pair; sizes are checked when it is set.
     *
     * @param request the text message to answer (matched exactly, case-sensitive, text frames only)
     * @param response the text to answer with
     */
    public WebSocketRequestResponsePair(String request, String response) {
        this.request = Objects.requireNonNull(request, "request");
        this.response = Objects.requireNonNull(response, "response");
    }

    /**
     * The request text.
     *
     * @return the text
     */
    public String request() {
        return request;
    }

    /**
     * The response text.
     *
     * @return the text
     */
    public String response() {
        return response;
    }

    /**
     * The docs' name for {@link #request()}.
     *
     * @return the request text
     */
    public String getRequest() {
        return request;
    }

    /**
     * The docs' name for {@link #response()}.
     *
     * @return the response text
     */
    public String getResponse() {
        return response;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebSocketRequestResponsePair
                && request.equals(((WebSocketRequestResponsePair) other).request)
                && response.equals(((WebSocketRequestResponsePair) other).response);
    }

    @Override
    public int hashCode() {
        return request.hashCode() * 31 + response.hashCode();
    }

    @Override
    public String toString() {
        return "WebSocketRequestResponsePair[" + request + " -> " + response + "]";
    }
}
