-- Tokens whose revocation lease-service has applied, kept for an hour: a request that passed the
-- gateway's token check just before the revocation may still try to register a lease, and is refused.
CREATE TABLE revoked_tokens (
    accessor   TEXT PRIMARY KEY,
    revoked_ms BIGINT NOT NULL
);
CREATE INDEX revoked_tokens_age ON revoked_tokens (revoked_ms);
