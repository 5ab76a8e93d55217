package dev.arca.identity.approle;

import dev.arca.identity.login.TokenSettings;

/**
 * An AppRole role's settings.
 *
 * @param secretIdTtl     seconds a secret id lives, 0 for ever
 * @param secretIdNumUses logins a secret id allows, 0 for unlimited
 */
record Role(boolean bindSecretId, int secretIdNumUses, long secretIdTtl, boolean localSecretIds, TokenSettings token) {

    static final Role DEFAULT = new Role(true, 0, 0, false, TokenSettings.DEFAULT);
}
