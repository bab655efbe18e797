/**
 * The Cloudflare Workers WebSocket API on Jakarta EE: {@link dev.wspair.WebSocketPair}, {@link
 * dev.wspair.WebSocket}, its events, and the Workers-style {@link dev.wspair.Route routes}. The
 * engine comes from {@code wspair-impl}, found with {@link java.util.ServiceLoader} (on the class
 * path through {@code META-INF/services}).
 *
 * <p>CDI is needed only for {@link dev.wspair.Route} (a qualifier, with {@code Route.Literal}, an
 * {@code AnnotationLiteral}); the Jakarta EE server or the embedded runtime provides it, hence
 * {@code requires static}.
 */
module dev.wspair.api {
    exports dev.wspair;

    uses dev.wspair.WebSocketProvider;

    requires static transitive jakarta.cdi;
    requires static jakarta.inject;
}
