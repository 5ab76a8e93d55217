-- The HMAC key that turns token ids into lookup keys; encrypted under the barrier.
CREATE TABLE hmac_key (
    id         INT PRIMARY KEY,
    ciphertext BYTEA NOT NULL
);

-- Tokens, stored only as HMAC-SHA256(key, token id).
CREATE TABLE tokens (
    accessor         TEXT PRIMARY KEY,
    token_hash       BYTEA NOT NULL UNIQUE,
    parent_accessor  TEXT,
    policies         TEXT NOT NULL,
    meta             TEXT,
    display_name     TEXT NOT NULL,
    path             TEXT NOT NULL,
    entity_id        TEXT NOT NULL DEFAULT '',
    num_uses         INT NOT NULL DEFAULT 0,
    creation_ms      BIGINT NOT NULL,
    creation_ttl     BIGINT NOT NULL,
    expire_ms        BIGINT NOT NULL,
    explicit_max_ttl BIGINT NOT NULL,
    period           BIGINT NOT NULL,
    renewable        BOOLEAN NOT NULL,
    orphan           BOOLEAN NOT NULL,
    last_renewal_ms  BIGINT NOT NULL DEFAULT 0,
    type             TEXT NOT NULL DEFAULT 'service'
);
CREATE INDEX tokens_parent ON tokens (parent_accessor);
CREATE INDEX tokens_expiry ON tokens (expire_ms) WHERE expire_ms > 0;

-- ACL policies as written (HCL); "root" is built in and never stored.
CREATE TABLE policies (
    name       TEXT PRIMARY KEY,
    policy     TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
