-- The hash-chained store. entry is text, not jsonb: the hash covers its exact bytes.
CREATE TABLE audit_log (
    seq        bigserial   PRIMARY KEY,
    time       timestamptz NOT NULL,
    type       text        NOT NULL,
    request_id text        NOT NULL,
    entry      text        NOT NULL,
    prev_hash  text        NOT NULL,
    hash       text        NOT NULL
);

CREATE INDEX audit_log_request_id ON audit_log (request_id);
