-- Database engine storage. Keyed by mount accessor (stable across remounts), never by mount path.
-- A connection's settings (root password included) and a static role's password are barrier
-- ciphertext bound to their row; names stay plaintext because LIST needs them.

CREATE TABLE db_config (
    mount_accessor text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL,
    config         bytea NOT NULL,
    updated_time   timestamptz NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);

CREATE TABLE db_role (
    mount_accessor text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL,
    role           text NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);

CREATE TABLE db_static_role (
    mount_accessor text COLLATE "C" NOT NULL,
    name           text COLLATE "C" NOT NULL,
    role           text NOT NULL,
    password       bytea NOT NULL,
    last_rotation  timestamptz NOT NULL,
    -- plaintext: the rotator queries it
    next_rotation  timestamptz NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);

CREATE INDEX db_static_role_next_rotation ON db_static_role (next_rotation);

-- Write-ahead records: one per user being created, written before the user exists and deleted once
-- its lease is registered. A record that outlives its request names a user that may exist without
-- a lease; the rollback sweep drops it.
CREATE TABLE db_wal (
    id             uuid PRIMARY KEY,
    mount_accessor text NOT NULL,
    mount_path     text NOT NULL,
    db_name        text NOT NULL,
    role_name      text NOT NULL,
    username       text NOT NULL,
    created_time   timestamptz NOT NULL
);

CREATE INDEX db_wal_created ON db_wal (created_time);

-- sys/policies/password: global, not per mount.
CREATE TABLE password_policy (
    name   text COLLATE "C" PRIMARY KEY,
    policy text NOT NULL
);
