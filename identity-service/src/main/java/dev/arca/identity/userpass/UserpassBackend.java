package dev.arca.identity.userpass;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.login.LoginTokens;
import dev.arca.identity.login.TokenSettings;
import dev.arca.identity.userpass.UserStore.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The {@code userpass} auth method: users with a password (bcrypt), their token settings, and
 * {@code login/<username>}. A failed login says nothing about why, and takes as long for an unknown
 * user as for a wrong password.
 */
@Configuration(proxyBeanMethods = false)
public class UserpassBackend {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(10);
    /** Compared against when the user does not exist, so that both failures cost one bcrypt. */
    private static final String DUMMY_HASH = BCRYPT.encode("arca-userpass-no-such-user");
    private static final int MAX_PASSWORD_BYTES = 72;

    private final UserStore users;
    private final LoginTokens logins;

    public UserpassBackend(UserStore users, LoginTokens logins) {
        this.users = users;
        this.logins = logins;
    }

    @Bean
    Backend userpass() {
        PathFamily.Builder user = PathFamily.of("users/{username}")
                .field(Field.path("username", "The user's name."))
                .field(Field.string("password", "The user's password (write only)."))
                .field(TokenSettings.policies("policies", "Older name of token_policies."));
        TokenSettings.fields().forEach(user::field);
        return Backend.builder("userpass", Backend.Kind.AUTH)
                .description("username and password credentials")
                .unauthenticated("login/*")
                .paths(PathFamily.of("users/?")
                                .list(r -> r.keys(users.names(r.mountAccessor())), "List users.")
                                .help("The users of this mount.", "")
                                .build(),
                        user.read(this::read, "Read a user (without the password).")
                                .write(this::write, "Create or change a user.")
                                .delete(r -> {
                                    users.delete(r.mountAccessor(), name(r));
                                    return BackendRequest.noContent();
                                }, "Delete a user.")
                                .existenceCheck(r -> users.find(r.mountAccessor(), name(r)).isPresent())
                                .help("A user and the settings of the tokens it logs in to.", "")
                                .build(),
                        PathFamily.of("users/{username}/password")
                                .field(Field.path("username", "The user's name."))
                                .field(Field.string("password", "The new password.").asRequired())
                                .write(this::password, "Change a user's password.")
                                .help("A user's password.", "")
                                .build(),
                        PathFamily.of("users/{username}/policies")
                                .field(Field.path("username", "The user's name."))
                                .field(TokenSettings.policies("policies", "Older name of token_policies."))
                                .field(TokenSettings.policies("token_policies", "Policies of tokens issued."))
                                .write(this::policies, "Change a user's policies.")
                                .help("A user's policies.", "")
                                .build(),
                        PathFamily.of("login/{username}")
                                .field(Field.path("username", "The user's name."))
                                .field(Field.string("password", "The user's password."))
                                .write(this::login, "Log in with a username and password.")
                                .help("Log in: the answer's auth block carries the token.", "")
                                .build())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        users.deleteMount(mount.accessor());
                    }
                })
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r) {
        User u = users.find(r.mountAccessor(), name(r)).orElseThrow(VaultException::notFound);
        Map<String, Object> data = new LinkedHashMap<>(u.settings().toMap());
        data.put("policies", u.settings().policies());
        return r.ok(data);
    }

    private ResponseEntity<?> write(BackendRequest r) {
        String name = name(r);
        FieldData f = r.fields();
        User existing = users.find(r.mountAccessor(), name).orElse(null);
        String hash;
        if (f.has("password")) {
            hash = hash(f.string("password"));
        } else if (existing != null) {
            hash = existing.passwordHash();
        } else {
            throw VaultException.badRequest("missing password");
        }
        TokenSettings settings = TokenSettings.parseWithPolicies(f, existing == null ? TokenSettings.DEFAULT : existing.settings());
        users.save(r.mountAccessor(), new User(name, hash, settings));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> password(BackendRequest r) {
        User u = users.find(r.mountAccessor(), name(r)).orElseThrow(() -> VaultException.badRequest("username does not exist"));
        users.save(r.mountAccessor(), new User(u.name(), hash(r.fields().string("password")), u.settings()));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> policies(BackendRequest r) {
        User u = users.find(r.mountAccessor(), name(r)).orElseThrow(() -> VaultException.badRequest("username does not exist"));
        List<String> policies = r.fields().has("token_policies") ? r.fields().strings("token_policies") : r.fields().strings("policies");
        users.save(r.mountAccessor(), new User(u.name(), u.passwordHash(), u.settings().withPolicies(policies)));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> login(BackendRequest r) {
        String name = name(r);
        String password = r.fields().string("password");
        User u = users.find(r.mountAccessor(), name).orElse(null);
        boolean tooLong = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
        // One bcrypt comparison whatever fails, so an unknown user answers as slowly as a wrong password.
        boolean matches = BCRYPT.matches(tooLong ? "" : password, u == null || tooLong ? DUMMY_HASH : u.passwordHash());
        if (u == null || tooLong || !matches || password.isEmpty()) {
            throw VaultException.badRequest("invalid username or password");
        }
        return logins.answer(r, logins.issue(r.context(), u.settings(), "userpass-" + name, Map.of("username", name), name, Map.of()));
    }

    private static String name(BackendRequest r) {
        String n = r.fields().string("username").toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > 256) {
            throw VaultException.badRequest("invalid username");
        }
        return n;
    }

    private static String hash(String password) {
        if (password.isEmpty()) {
            throw VaultException.badRequest("missing password");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            // bcrypt reads 72 bytes: a longer password would be cut silently, so it is refused instead.
            throw VaultException.badRequest("password must be at most 72 bytes");
        }
        return BCRYPT.encode(password);
    }
}
