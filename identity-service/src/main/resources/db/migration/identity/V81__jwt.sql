-- jwt/oidc auth method: one configuration per mount (sealed whole by the barrier: it holds the OIDC
-- client secret), roles (no secrets: JSON), and the pending browser logins of oidc/auth_url, each kept
-- by a digest of its state, single-use and expiring, with its nonce and PKCE verifier sealed.
CREATE TABLE jwt_configs (
    mount_accessor TEXT  PRIMARY KEY,
    sealed         BYTEA NOT NULL
);

CREATE TABLE jwt_roles (
    mount_accessor TEXT  NOT NULL,
    name           TEXT  NOT NULL,
    settings       JSONB NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);

CREATE TABLE jwt_oidc_states (
    mount_accessor TEXT   NOT NULL,
    state_hash     BYTEA  NOT NULL,
    sealed         BYTEA  NOT NULL,
    expire_ms      BIGINT NOT NULL,
    PRIMARY KEY (mount_accessor, state_hash)
);
CREATE INDEX jwt_oidc_states_expiry ON jwt_oidc_states (expire_ms);

-- External groups (Vault's type "external"): their members are set by logins, from the group aliases
-- (one per group: a name in one auth mount) that a login's groups claim names.
ALTER TABLE identity_groups ADD COLUMN type TEXT NOT NULL DEFAULT 'internal';

CREATE TABLE identity_group_aliases (
    id               TEXT PRIMARY KEY,
    group_id         TEXT NOT NULL UNIQUE REFERENCES identity_groups (id) ON DELETE CASCADE,
    mount_accessor   TEXT NOT NULL,
    name             TEXT NOT NULL,
    creation_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_update_time TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (mount_accessor, name)
);
