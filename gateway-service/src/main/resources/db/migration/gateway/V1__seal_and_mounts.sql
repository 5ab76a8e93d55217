-- The seal: how the root key is protected, and the barrier keyring encrypted by the root key.
CREATE TABLE seal_config (
    id               int PRIMARY KEY CHECK (id = 1),
    seal_type        text        NOT NULL,
    secret_shares    int         NOT NULL,
    secret_threshold int         NOT NULL,
    wrapped_root_key bytea       NOT NULL,
    keyring          bytea       NOT NULL,
    recovery_key_sha bytea,
    initialized_at   timestamptz NOT NULL DEFAULT now()
);

-- Secret engine mounts ("secret/") and auth mounts ("auth/token/") in one path namespace.
CREATE TABLE mounts (
    path        text PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('secret', 'auth')),
    type        text        NOT NULL,
    accessor    text        NOT NULL UNIQUE,
    uuid        uuid        NOT NULL,
    description text        NOT NULL DEFAULT '',
    options     jsonb       NOT NULL DEFAULT '{}',
    config      jsonb       NOT NULL DEFAULT '{}',
    local       boolean     NOT NULL DEFAULT false,
    seal_wrap   boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
