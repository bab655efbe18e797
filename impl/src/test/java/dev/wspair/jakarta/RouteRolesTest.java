package dev.wspair.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Which annotation decides who may use a route, and what a request from each kind of caller gets.
 * The servers' users are in the integration tests (RolesIT); here a user is a name and a set of roles.
 */
class RouteRolesTest {

    private static final Principal ALICE = () -> "alice";
    private static final Predicate<String> NO_ROLES = role -> false;

    private static Predicate<String> roles(String... names) {
        return Set.of(names)::contains;
    }

    private static RouteRoles of(Class<?> handler) {
        return RouteRoles.of("/r", handler);
    }

    private static Integer status(RouteRoles roles, Principal user, Predicate<String> inRole) {
        Response refusal = roles.refusal(user, inRole);
        return refusal == null ? null : refusal.status();
    }

    static class Open implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return new Response("ok", 200);
        }
    }

    @RolesAllowed({"admin", "ops"})
    static class Admins extends Open {
    }

    @Test
    void aRouteWithoutAnnotationsAdmitsEveryone() {
        RouteRoles roles = of(Open.class);
        assertFalse(roles.needsUser());
        assertNull(status(roles, null, NO_ROLES));
        assertEquals(List.of(), roles.roleNames());
    }

    @Test
    void rolesAllowedOnTheClassWants401WithoutAUserAnd403WithoutOneOfTheRoles() {
        RouteRoles roles = of(Admins.class);
        assertTrue(roles.needsUser());
        assertEquals(401, status(roles, null, NO_ROLES));
        assertEquals(403, status(roles, ALICE, roles("user")));
        assertNull(status(roles, ALICE, roles("ops")));
        assertEquals(List.of("admin", "ops"), roles.roleNames());
        assertEquals("@RolesAllowed([admin, ops]) on " + Admins.class.getName(), roles.toString());
    }

    @RolesAllowed("admin")
    static class PublicFetch implements FetchHandler {
        @Override
        @PermitAll
        public Response fetch(Request request) {
            return new Response("ok", 200);
        }
    }

    @PermitAll
    static class ClosedFetch implements FetchHandler {
        @Override
        @DenyAll
        public Response fetch(Request request) {
            return new Response("ok", 200);
        }
    }

    @Test
    void theAnnotationOnFetchWinsOverTheClasses() {
        assertNull(status(of(PublicFetch.class), null, NO_ROLES));
        assertEquals("@PermitAll on " + PublicFetch.class.getName() + ".fetch", of(PublicFetch.class).toString());
        assertEquals(403, status(of(ClosedFetch.class), ALICE, roles("admin")));
    }

    @Test
    void denyAllRefusesEveryoneWith403WithoutAskingForAUser() {
        RouteRoles roles = of(ClosedFetch.class);
        assertFalse(roles.needsUser(), "no login can open it");
        assertEquals(403, status(roles, null, NO_ROLES));
        assertEquals(403, status(roles, ALICE, role -> true));
    }

    @RolesAllowed({})
    static class NoRoles extends Open {
    }

    @Test
    void anEmptyRolesAllowedAdmitsNobodyAsDenyAllDoes() {
        assertEquals(403, status(of(NoRoles.class), null, NO_ROLES));
        assertEquals(403, status(of(NoRoles.class), ALICE, role -> true));
    }

    @RolesAllowed("**")
    static class AnyUser extends Open {
    }

    @Test
    void theRoleStarStarAdmitsAnyAuthenticatedUserAndIsNotDeclared() {
        RouteRoles roles = of(AnyUser.class);
        assertEquals(401, status(roles, null, role -> true));
        assertNull(status(roles, ALICE, NO_ROLES));
        assertEquals(List.of(), roles.roleNames());
    }

    /** A route class under an annotated base that declares fetch: the base's annotation protects it. */
    static class InheritsAdmins extends Admins {
    }

    @PermitAll
    static class OpensAdmins extends Admins {
    }

    @Test
    void theNearestClassWithAnAnnotationDecides() {
        assertEquals(401, status(of(InheritsAdmins.class), null, NO_ROLES));
        assertNull(status(of(OpensAdmins.class), null, NO_ROLES));
    }

    @RolesAllowed("admin")
    @PermitAll
    static class Contradicting extends Open {
    }

    static class ContradictingFetch implements FetchHandler {
        @Override
        @DenyAll
        @RolesAllowed("admin")
        public Response fetch(Request request) {
            return new Response("ok", 200);
        }
    }

    @RolesAllowed("")
    static class EmptyRoleName extends Open {
    }

    @Test
    void contradictingAnnotationsAndEmptyRoleNamesAreRefusedWhenTheRouteIsBound() {
        IllegalArgumentException onClass = assertThrows(IllegalArgumentException.class, () -> of(Contradicting.class));
        assertEquals(Contradicting.class.getName() + " (route /r) carries more than one of @RolesAllowed, @PermitAll "
                + "and @DenyAll: they exclude each other", onClass.getMessage());
        IllegalArgumentException onFetch = assertThrows(IllegalArgumentException.class,
                () -> of(ContradictingFetch.class));
        assertEquals(ContradictingFetch.class.getName() + ".fetch (route /r) carries more than one of @RolesAllowed, "
                + "@PermitAll and @DenyAll: they exclude each other", onFetch.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> of(EmptyRoleName.class));
        assertEquals(EmptyRoleName.class.getName() + " (route /r) has an empty role name in @RolesAllowed",
                empty.getMessage());
    }
}
