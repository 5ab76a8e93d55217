-- The identity store: entities, their aliases (one per auth mount accessor and name), internal groups
-- with member entities and member groups. Metadata is caller data: encrypted by the barrier, bound to
-- its row. A merged entity's id stays resolvable to the entity it was merged into.
CREATE TABLE identity_entities (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    policies         TEXT[] NOT NULL DEFAULT '{}',
    metadata         BYTEA,
    disabled         BOOLEAN NOT NULL DEFAULT false,
    creation_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_update_time TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE identity_entity_merges (
    from_id TEXT PRIMARY KEY,
    to_id   TEXT NOT NULL REFERENCES identity_entities (id) ON DELETE CASCADE
);
CREATE INDEX identity_entity_merges_to ON identity_entity_merges (to_id);

CREATE TABLE identity_aliases (
    id               TEXT PRIMARY KEY,
    entity_id        TEXT NOT NULL REFERENCES identity_entities (id) ON DELETE CASCADE,
    mount_accessor   TEXT NOT NULL,
    mount_path       TEXT NOT NULL DEFAULT '',
    mount_type       TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL,
    metadata         BYTEA,
    creation_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_update_time TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (mount_accessor, name),
    UNIQUE (entity_id, mount_accessor)
);

CREATE TABLE identity_groups (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    policies         TEXT[] NOT NULL DEFAULT '{}',
    metadata         BYTEA,
    creation_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_update_time TIMESTAMPTZ NOT NULL DEFAULT now(),
    modify_index     BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE identity_group_entities (
    group_id  TEXT NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES identity_entities (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, entity_id)
);
CREATE INDEX identity_group_entities_entity ON identity_group_entities (entity_id);

CREATE TABLE identity_group_groups (
    group_id        TEXT NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    member_group_id TEXT NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_group_id)
);
CREATE INDEX identity_group_groups_member ON identity_group_groups (member_group_id);
