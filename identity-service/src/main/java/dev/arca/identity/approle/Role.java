package dev.arca.identity.approle;

import dev.arca.identity.login.TokenSettings;
import java.util.List;

/**
 * An AppRole role's settings.
 *
 * @param secretIdTtl     seconds a secret id lives, 0 for ever
 * @param secretIdNumUses logins a secret id allows, 0 for unlimited
 * @param secretIdBoundCidrs client addresses a login (with or without a secret id) may come from; empty for anywhere
 */
record Role(boolean bindSecretId, int secretIdNumUses, long secretIdTtl, boolean localSecretIds, TokenSettings token,
        List<String> secretIdBoundCidrs) {

    static final Role DEFAULT = new Role(true, 0, 0, false, TokenSettings.DEFAULT, List.of());

    Role {
        // roles stored before the field existed read back without it
        secretIdBoundCidrs = secretIdBoundCidrs == null ? List.of() : List.copyOf(secretIdBoundCidrs);
    }
}
