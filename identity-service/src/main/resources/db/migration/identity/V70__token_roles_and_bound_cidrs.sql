-- Token roles (auth/token/roles/<name>): what auth/token/create/<name> issues. No secret in them.
CREATE TABLE token_roles (
    name     TEXT  PRIMARY KEY,
    settings JSONB NOT NULL
);

-- The client addresses (CIDR blocks, JSON array) a token may be used from; empty for anywhere.
ALTER TABLE tokens ADD COLUMN bound_cidrs TEXT NOT NULL DEFAULT '[]';

-- An AppRole secret id's own CIDR limits: where a login with it may come from, and its tokens' bound CIDRs.
ALTER TABLE approle_secret_ids ADD COLUMN cidr_list TEXT NOT NULL DEFAULT '[]';
ALTER TABLE approle_secret_ids ADD COLUMN token_bound_cidrs TEXT NOT NULL DEFAULT '[]';
