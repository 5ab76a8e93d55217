-- AppRole auth method: roles per mount (by the mount's accessor) and their secret ids, kept only as
-- keyed hashes (the token HMAC key); a secret id's metadata is encrypted by the barrier.
CREATE TABLE approle_roles (
    mount_accessor TEXT  NOT NULL,
    name           TEXT  NOT NULL,
    role_id        TEXT  NOT NULL,
    settings       JSONB NOT NULL,
    PRIMARY KEY (mount_accessor, name),
    UNIQUE (mount_accessor, role_id)
);

CREATE TABLE approle_secret_ids (
    mount_accessor TEXT   NOT NULL,
    role_name      TEXT   NOT NULL,
    id_hash        BYTEA  NOT NULL,
    accessor       TEXT   NOT NULL,
    metadata       BYTEA,
    num_uses       INT    NOT NULL,
    ttl            BIGINT NOT NULL,
    created_ms     BIGINT NOT NULL,
    expire_ms      BIGINT NOT NULL,
    PRIMARY KEY (mount_accessor, id_hash),
    UNIQUE (mount_accessor, accessor),
    FOREIGN KEY (mount_accessor, role_name) REFERENCES approle_roles (mount_accessor, name) ON DELETE CASCADE
);
CREATE INDEX approle_secret_ids_expiry ON approle_secret_ids (expire_ms) WHERE expire_ms > 0;
