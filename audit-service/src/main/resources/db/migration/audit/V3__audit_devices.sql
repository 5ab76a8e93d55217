-- Audit devices. hmac_key is the device's 32-byte HMAC key under the barrier
-- (aad audit/devices/<path>); the store's key is made on first use, once the barrier is unsealed.
CREATE TABLE audit_devices (
    path        text        PRIMARY KEY,
    type        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    options     text        NOT NULL DEFAULT '{}',
    local       boolean     NOT NULL DEFAULT false,
    hmac_key    bytea,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO audit_devices (path, type, description) VALUES ('store/', 'store', '');
