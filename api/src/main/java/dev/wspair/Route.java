package dev.wspair;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The path a {@link FetchHandler} serves, as a URI template ({@code /chat/{room}}: each {@code
 * {name}} matches one path segment, read with {@link Request#pathParam(String)}). On an observer it
 * selects the events of that route's sockets:
 *
 * <pre>{@code
 * void onMessage(@Observes @Route("/chat/{room}") MessageEvent event) { ... }
 * }</pre>
 *
 * <p>Jakarta Annotations' {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on the
 * route class or on its {@code fetch} method (which wins) are checked against the container's
 * authenticated user before the handler runs, for plain requests and WebSocket upgrades alike: 401
 * without a user (the container's login answers it when the application has one), 403 without the
 * role. The embedded runtime has no users: a route that needs one stops it from starting.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface Route {

    /**
     * The path template, relative to the application's context path.
     *
     * @return the template, e.g. {@code "/chat/{room}"}
     */
    String value();

    /**
     * The origins allowed to open a WebSocket here, checked against the {@code Origin} header before
     * the handler runs (others get 403): full origins such as {@code "https://example.com"}, {@code
     * "same-origin"} (the Origin's host and port are the request's {@code Host}), or {@code "*"}.
     * Empty (the default): the setting {@code wspair.allowedOrigins} applies, and without it every
     * origin. A request without {@code Origin} (not a browser) is allowed.
     *
     * @return the allowed origins; empty for the application's setting
     */
    @Nonbinding
    String[] allowedOrigins() default {};

    /**
     * At most this many open connections on this route; a further upgrade gets 503 before the
     * handler runs. 0 (the default): no limit.
     *
     * @return the limit, or 0 for none
     */
    @Nonbinding
    int maxConnections() default 0;

    /** An instance of {@code @Route(value)}, to select or fire events in code. */
    final class Literal extends AnnotationLiteral<Route> implements Route {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * The qualifier of the route with this template.
         *
         * @param value the path template, as in {@link Route#value()}
         * @return a literal with no origin list and no connection limit
         */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String[] allowedOrigins() {
            return new String[0];
        }

        @Override
        public int maxConnections() {
            return 0;
        }
    }
}
