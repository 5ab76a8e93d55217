-- kubernetes auth method: one configuration per mount (by the mount's accessor) and its roles.
-- The token reviewer JWT is a credential: encrypted by the barrier (bound to its mount); the rest
-- (API server address, CA, public keys, bindings, token settings) is no secret.
CREATE TABLE kubernetes_config (
    mount_accessor     TEXT  PRIMARY KEY,
    settings           JSONB NOT NULL,
    token_reviewer_jwt BYTEA
);

CREATE TABLE kubernetes_roles (
    mount_accessor TEXT  NOT NULL,
    name           TEXT  NOT NULL,
    settings       JSONB NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);
