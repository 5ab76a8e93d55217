-- One row per live lease. The row is the durable promise that the secret will be revoked: it is
-- deleted only after the owning backend has revoked the secret.
CREATE TABLE leases (
    lease_id        TEXT PRIMARY KEY,
    service         TEXT NOT NULL,     -- the service that runs the owning backend
    mount_path      TEXT NOT NULL,
    mount_type      TEXT NOT NULL,
    mount_accessor  TEXT NOT NULL,
    secret_type     TEXT NOT NULL,
    token_accessor  TEXT NOT NULL,     -- the issuing token ('' when none)
    issue_ms        BIGINT NOT NULL,
    expire_ms       BIGINT NOT NULL,   -- 0: never
    last_renewal_ms BIGINT NOT NULL DEFAULT 0,
    issue_ttl       BIGINT NOT NULL,   -- seconds granted at issue: the default renewal increment
    max_ttl         BIGINT NOT NULL,   -- seconds from issue_ms that no renewal can pass (0: none)
    renewable       BOOLEAN NOT NULL,
    data            BYTEA NOT NULL,    -- revocation data, encrypted by the barrier (AAD: lease/leases/<lease_id>)
    state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoking', 'irrevocable')),
    attempts        INT NOT NULL DEFAULT 0,
    due_ms          BIGINT NOT NULL,   -- when the expiry scheduler next takes it (expiry, or a retry)
    last_error      TEXT               -- the last failed revocation's status, never a secret
);
-- The scheduler's claim: only due, revocable rows, in due order.
CREATE INDEX leases_due ON leases (due_ms) WHERE state <> 'irrevocable' AND due_ms > 0;
CREATE INDEX leases_token ON leases (token_accessor) WHERE token_accessor <> '';
CREATE INDEX leases_mount ON leases (mount_accessor);
CREATE INDEX leases_prefix ON leases (lease_id text_pattern_ops);
CREATE INDEX leases_irrevocable ON leases (state) WHERE state = 'irrevocable';
