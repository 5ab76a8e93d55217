-- userpass auth method: users per mount (by the mount's accessor). The password's bcrypt hash is
-- encrypted by the barrier (bound to its row); the token settings are no secret.
CREATE TABLE userpass_users (
    mount_accessor TEXT  NOT NULL,
    username       TEXT  NOT NULL,
    password_hash  BYTEA NOT NULL,
    settings       JSONB NOT NULL,
    PRIMARY KEY (mount_accessor, username)
);
