package dev.wspair.it.app.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/**
 * The test WAR's login, with Jakarta Security: HTTP BASIC in the realm {@value #REALM}, and two
 * users, {@value #ADMIN} (group {@code admin}) and {@value #USER} (group {@code user}); a group is
 * a role of the same name.
 */
@BasicAuthenticationMechanismDefinition(realmName = TestUsers.REALM)
@ApplicationScoped
public class TestUsers implements IdentityStore {

    public static final String REALM = "wspair-it";
    public static final String ADMIN = "alice";
    public static final String USER = "bob";

    private static final Map<String, String> PASSWORDS = Map.of(ADMIN, password(ADMIN), USER, password(USER));
    private static final Map<String, String> GROUPS = Map.of(ADMIN, "admin", USER, "user");

    /** The password of a test user. */
    public static String password(String user) {
        return user + "-secret";
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String expected = PASSWORDS.get(login.getCaller());
        if (expected == null || !login.getPassword().compareTo(expected)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(login.getCaller(), Set.of(GROUPS.get(login.getCaller())));
    }
}
