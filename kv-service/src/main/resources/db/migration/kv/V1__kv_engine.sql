-- KV engine storage. Keyed by mount accessor (stable across remounts), never by mount path.
-- Secret values (version data, custom metadata, v1 values) are barrier ciphertext; paths, versions
-- and times stay plaintext because queries need them.

CREATE TABLE mount_config (
    mount_accessor               text    PRIMARY KEY,
    max_versions                 integer NOT NULL DEFAULT 0,
    cas_required                 boolean NOT NULL DEFAULT false,
    delete_version_after_seconds bigint  NOT NULL DEFAULT 0
);

CREATE TABLE secret_metadata (
    mount_accessor               text COLLATE "C" NOT NULL,
    path                         text COLLATE "C" NOT NULL,
    max_versions                 integer NOT NULL DEFAULT 0,
    cas_required                 boolean NOT NULL DEFAULT false,
    delete_version_after_seconds bigint  NOT NULL DEFAULT 0,
    custom_metadata              bytea,
    current_version              integer NOT NULL DEFAULT 0,
    oldest_version               integer NOT NULL DEFAULT 0,
    created_time                 timestamptz NOT NULL,
    updated_time                 timestamptz NOT NULL,
    PRIMARY KEY (mount_accessor, path)
);

CREATE TABLE secret_version (
    mount_accessor text COLLATE "C" NOT NULL,
    path           text COLLATE "C" NOT NULL,
    version        integer NOT NULL,
    created_time   timestamptz NOT NULL,
    deletion_time  timestamptz,
    destroyed      boolean NOT NULL DEFAULT false,
    data           bytea,
    PRIMARY KEY (mount_accessor, path, version),
    FOREIGN KEY (mount_accessor, path) REFERENCES secret_metadata (mount_accessor, path) ON DELETE CASCADE
);

CREATE TABLE v1_secret (
    mount_accessor text COLLATE "C" NOT NULL,
    path           text COLLATE "C" NOT NULL,
    data           bytea NOT NULL,
    PRIMARY KEY (mount_accessor, path)
);
