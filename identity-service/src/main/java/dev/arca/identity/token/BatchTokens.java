package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Aead;
import dev.arca.core.barrier.BarrierException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch tokens ({@code hvb.}): the token is its own record, never stored. Its fields are sealed with
 * AES-256-GCM under the installation's batch key ({@link InstallationKeys#BATCH_TOKENS}), so every replica
 * can open and trust one, and nobody can forge or change one. A batch token has no accessor and no
 * cubbyhole, cannot be renewed or revoked, and dies with its parent (checked at every use) or its TTL.
 */
@Component
public class BatchTokens {

    public static final String PREFIX = "hvb.";
    /** Longer tokens are refused unread: opening one costs work bounded by this. */
    static final int MAX_LENGTH = 16 * 1024;
    private static final String AAD = "identity/batch-token/v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] NO_HASH = new byte[0];

    private final InstallationKeys keys;

    public BatchTokens(InstallationKeys keys) {
        this.keys = keys;
    }

    /** Vault's limits of batch tokens: no period, no use count, no explicit maximum (their TTL is fixed). */
    public static void checkLimits(long period, int numUses, long explicitMaxTtl) {
        if (period > 0) {
            throw VaultException.badRequest("batch tokens cannot be periodic");
        }
        if (numUses > 0) {
            throw VaultException.badRequest("batch tokens cannot have a limited number of uses");
        }
        if (explicitMaxTtl > 0) {
            throw VaultException.badRequest("batch tokens cannot have an explicit max TTL");
        }
    }

    public static boolean isBatch(@Nullable String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** What a batch token carries: a token entry's fields, less those a batch token has not. */
    record Payload(List<String> policies, @Nullable Map<String, String> meta, String displayName, String path, String entityId,
            @Nullable String parent, long created, long ttl, long expires, boolean orphan, List<String> cidrs) {
    }

    /** The token for an entry (whose accessor, hash, uses, period and renewal are ignored: a batch token has none). */
    String seal(TokenEntry e) {
        byte[] plain = JSON.writeValueAsBytes(new Payload(e.policies(), e.meta(), e.displayName(), e.path(), e.entityId(),
                e.parentAccessor(), e.creationMs(), e.creationTtl(), e.expireMs(), e.orphan(), e.boundCidrs()));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Aead.seal(keys.key(InstallationKeys.BATCH_TOKENS), plain, AAD));
    }

    /** The entry a batch token carries, or empty when it is malformed, forged or sealed under another key. */
    Optional<TokenEntry> open(String token) {
        if (!isBatch(token) || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
            Payload p = JSON.readValue(Aead.open(keys.key(InstallationKeys.BATCH_TOKENS), raw, 0, AAD), Payload.class);
            return Optional.of(new TokenEntry("", NO_HASH, p.parent(), p.policies(), p.meta(), p.displayName(), p.path(), p.entityId(),
                    0, p.created(), p.ttl(), p.expires(), 0, 0, false, p.orphan(), 0, "batch", p.cidrs()));
        } catch (BarrierException | JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
