-- Transit engine storage. Keyed by mount accessor (stable across remounts), never by mount path.
-- A key's policy (every version's material, in Vault's keysutil JSON) is barrier ciphertext bound
-- to its row; the name stays plaintext because LIST needs it.

CREATE TABLE transit_key (
    mount_accessor text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL,
    policy         bytea NOT NULL,
    updated_time   timestamptz NOT NULL,
    -- when auto_rotate_period asks for the next version (plaintext: the rotator queries it)
    next_rotation  timestamptz,
    PRIMARY KEY (mount_accessor, name)
);

CREATE INDEX transit_key_next_rotation ON transit_key (next_rotation) WHERE next_rotation IS NOT NULL;

CREATE TABLE cache_config (
    mount_accessor text PRIMARY KEY,
    size           integer NOT NULL
);
