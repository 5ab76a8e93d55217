-- cert auth method: trusted certificates (a CA or a leaf, PEM) per mount (by the mount's accessor),
-- with the constraints a login certificate must meet and the settings of the tokens it gets.
-- Certificates are public: stored as they are.
CREATE TABLE cert_roles (
    mount_accessor TEXT  NOT NULL,
    name           TEXT  NOT NULL,
    certificate    TEXT  NOT NULL,
    settings       JSONB NOT NULL,
    PRIMARY KEY (mount_accessor, name)
);
