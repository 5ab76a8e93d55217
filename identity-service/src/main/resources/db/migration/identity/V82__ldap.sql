-- ldap auth method: one configuration per mount (by the mount's accessor). The bind password and the
-- client TLS key are encrypted by the barrier (bound to their row); the rest is no secret.
CREATE TABLE ldap_config (
    mount_accessor TEXT  PRIMARY KEY,
    settings       JSONB NOT NULL,
    secrets        BYTEA NOT NULL
);

-- The policies (and, for users, extra groups) that LDAP users and groups map to, per mount.
CREATE TABLE ldap_mappings (
    mount_accessor TEXT  NOT NULL,
    kind           TEXT  NOT NULL CHECK (kind IN ('users', 'groups')),
    name           TEXT  NOT NULL,
    policies       JSONB NOT NULL,
    groups         JSONB NOT NULL,
    PRIMARY KEY (mount_accessor, kind, name)
);
