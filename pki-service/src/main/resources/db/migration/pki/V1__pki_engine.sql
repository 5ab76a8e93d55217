-- PKI engine storage. Keyed by mount accessor (stable across remounts), never by mount path.
-- Private keys are barrier ciphertext bound to their row; certificates, roles and settings are
-- public material and stay plaintext.

CREATE TABLE pki_key (
    mount_accessor text COLLATE "C" NOT NULL,
    id             text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL DEFAULT '',
    key_type       text NOT NULL,
    -- the PKCS#8 encoding, sealed by the barrier (AAD pki/pki_key/<mount>/<id>)
    private_key    bytea NOT NULL,
    -- the SubjectPublicKeyInfo, to match an imported certificate to its key
    public_key     bytea NOT NULL,
    PRIMARY KEY (mount_accessor, id)
);

CREATE TABLE pki_issuer (
    mount_accessor          text COLLATE "C" NOT NULL,
    id                      text COLLATE "C" NOT NULL,
    name                    text COLLATE "C" NOT NULL DEFAULT '',
    key_id                  text COLLATE "C",
    certificate             text NOT NULL,
    -- the PEM certificates above this issuer, nearest first
    ca_chain                text NOT NULL DEFAULT '',
    leaf_not_after_behavior text NOT NULL DEFAULT 'err',
    usage                   text NOT NULL DEFAULT 'read-only,issuing-certificates,crl-signing,ocsp-signing',
    created                 timestamptz NOT NULL,
    PRIMARY KEY (mount_accessor, id)
);

CREATE TABLE pki_cert (
    mount_accessor text COLLATE "C" NOT NULL,
    -- lower-case hex, colon separated, as Vault prints it
    serial         text COLLATE "C" NOT NULL,
    issuer_id      text COLLATE "C",
    certificate    bytea NOT NULL,
    not_after      timestamptz NOT NULL,
    revoked_at     timestamptz,
    PRIMARY KEY (mount_accessor, serial)
);

CREATE INDEX pki_cert_revoked ON pki_cert (mount_accessor, issuer_id, revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX pki_cert_not_after ON pki_cert (mount_accessor, not_after);

CREATE TABLE pki_role (
    mount_accessor text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL,
    role           text NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);

-- urls, crl, issuers, keys, cluster: one JSON document each
CREATE TABLE pki_config (
    mount_accessor text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL,
    value          text NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);

CREATE TABLE pki_crl (
    mount_accessor text COLLATE "C" NOT NULL,
    issuer_id      text COLLATE "C" NOT NULL,
    delta          boolean NOT NULL,
    number         bigint NOT NULL,
    this_update    timestamptz NOT NULL,
    crl            bytea NOT NULL,
    PRIMARY KEY (mount_accessor, issuer_id, delta)
);
