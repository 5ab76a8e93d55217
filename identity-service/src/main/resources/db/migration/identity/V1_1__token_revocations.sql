-- The accessors of revoked tokens, written in the revoking transaction. lease-service consumes the
-- rows (revoking the leases those tokens issued) and deletes them in one transaction of its own, so
-- a crash on either side never loses a revocation.
CREATE TABLE token_revocations (
    id         BIGSERIAL PRIMARY KEY,
    accessor   TEXT NOT NULL,
    revoked_ms BIGINT NOT NULL
);
