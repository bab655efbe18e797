package dev.wspair.jakarta;

import dev.wspair.Request;
import dev.wspair.Response;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Who may use a route, from Jakarta Annotations' {@code @RolesAllowed}, {@code @PermitAll} and
 * {@code @DenyAll}, checked against the container's authenticated user before the handler runs.
 *
 * <p>The nearest annotation wins: the one on the {@code fetch(Request)} method that serves the
 * route, else the one on the route class, else on its nearest superclass that has one. Two of them
 * on one method or class are refused when the route is deployed (Jakarta Annotations: they exclude
 * each other). {@code @RolesAllowed("**")} admits any authenticated user, as in a servlet security
 * constraint; {@code @RolesAllowed({})} admits nobody, as {@code @DenyAll} does.
 */
public final class RouteRoles {

    /** The servlet spec's role name for "any authenticated user". */
    static final String ANY_USER = "**";

    private final String path;
    /** Null: the route is open (no annotation, or {@code @PermitAll}). */
    private final List<String> allowed;
    /** Where the deciding annotation is, for messages: "@RolesAllowed({admin}) on com.example.Admin". */
    private final String declared;

    private RouteRoles(String path, List<String> allowed, String declared) {
        this.path = path;
        this.allowed = allowed;
        this.declared = declared;
    }

    /**
     * The roles of {@code handler}, which serves {@code path}.
     *
     * @throws IllegalArgumentException when a method or class carries more than one of the three
     */
    static RouteRoles of(String path, Class<?> handler) {
        Method fetch;
        try {
            fetch = handler.getMethod("fetch", Request.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(handler.getName() + " has no public fetch(Request)", e);
        }
        RouteRoles found = declaredOn(path, fetch, handler.getName() + ".fetch");
        for (Class<?> type = handler; found == null && type != null; type = type.getSuperclass()) {
            found = declaredOn(path, type, type.getName());
        }
        return found != null ? found : new RouteRoles(path, null, "no annotation");
    }

    private static RouteRoles declaredOn(String path, AnnotatedElement element, String name) {
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        boolean permitAll = element.isAnnotationPresent(PermitAll.class);
        boolean denyAll = element.isAnnotationPresent(DenyAll.class);
        int count = (roles != null ? 1 : 0) + (permitAll ? 1 : 0) + (denyAll ? 1 : 0);
        if (count > 1) {
            throw new IllegalArgumentException(name + " (route " + path + ") carries more than one of @RolesAllowed, "
                    + "@PermitAll and @DenyAll: they exclude each other");
        }
        if (permitAll) {
            return new RouteRoles(path, null, "@PermitAll on " + name);
        }
        if (denyAll) {
            return new RouteRoles(path, List.of(), "@DenyAll on " + name);
        }
        if (roles != null) {
            for (String role : roles.value()) {
                if (role == null || role.isEmpty()) {
                    throw new IllegalArgumentException(name + " (route " + path + ") has an empty role name in @RolesAllowed");
                }
            }
            return new RouteRoles(path, List.of(roles.value()),
                    "@RolesAllowed(" + List.of(roles.value()) + ") on " + name);
        }
        return null;
    }

    /** Whether only an authenticated user can pass (a route that admits nobody needs none: it refuses everyone). */
    public boolean needsUser() {
        return allowed != null && !allowed.isEmpty();
    }

    /** The role names this route tests, to declare to the container ({@code "**"} is none). */
    public List<String> roleNames() {
        List<String> names = new ArrayList<>();
        if (allowed != null) {
            for (String role : allowed) {
                if (!role.equals(ANY_USER)) {
                    names.add(role);
                }
            }
        }
        return names;
    }

    /**
     * The refusal of a request from {@code user}, or null when the route admits it: 403 for a route
     * that admits nobody, 401 without a user, 403 for a user in none of the roles.
     *
     * @param user the container's authenticated user, or null
     * @param inRole whether that user has a role, as the container says
     */
    public Response refusal(Principal user, Predicate<String> inRole) {
        if (allowed == null) {
            return null;
        }
        if (allowed.isEmpty()) {
            return forbidden();
        }
        if (user == null) {
            return unauthorized();
        }
        for (String role : allowed) {
            if (role.equals(ANY_USER) || inRole.test(role)) {
                return null;
            }
        }
        return forbidden();
    }

    /** The 401 for a request without a user, sent when the container has no login of its own to ask for one. */
    public Response unauthorized() {
        return new Response("Authentication required for " + path, 401);
    }

    private Response forbidden() {
        return new Response("Forbidden: " + path + " is not open to this user", 403);
    }

    /** Where the deciding annotation is: "@RolesAllowed([admin]) on com.example.Admin", "no annotation". */
    @Override
    public String toString() {
        return declared;
    }
}
