-- ACME (RFC 8555) on a pki mount. Account keys are public JWKs; orders and authorizations are public
-- protocol state. Keyed by mount accessor, as every pki table.

CREATE TABLE pki_acme_account (
    mount_accessor text COLLATE "C" NOT NULL,
    id             text COLLATE "C" NOT NULL,
    -- the RFC 7638 thumbprint of the account key: one account per key and mount
    thumbprint     text COLLATE "C" NOT NULL,
    jwk            text NOT NULL,
    status         text NOT NULL,
    contact        text NOT NULL DEFAULT '[]',
    created        timestamptz NOT NULL,
    PRIMARY KEY (mount_accessor, id),
    UNIQUE (mount_accessor, thumbprint)
);

CREATE TABLE pki_acme_order (
    mount_accessor text COLLATE "C" NOT NULL,
    id             text COLLATE "C" NOT NULL,
    account_id     text COLLATE "C" NOT NULL,
    -- the order as RFC 8555 describes it, with the directory it was placed on and the issued chain
    document       text NOT NULL,
    expires        timestamptz NOT NULL,
    PRIMARY KEY (mount_accessor, id)
);

CREATE INDEX pki_acme_order_account ON pki_acme_order (mount_accessor, account_id);

CREATE TABLE pki_acme_authz (
    mount_accessor text COLLATE "C" NOT NULL,
    id             text COLLATE "C" NOT NULL,
    account_id     text COLLATE "C" NOT NULL,
    order_id       text COLLATE "C" NOT NULL,
    -- identifier, status, expiry and the challenge (token, status, error)
    document       text NOT NULL,
    PRIMARY KEY (mount_accessor, id)
);
