-- The cubbyhole engine: each token's private storage, encrypted by the barrier and gone with the token
-- (the foreign key deletes it in the revoking transaction).
CREATE TABLE cubbyhole (
    token_accessor TEXT  NOT NULL REFERENCES tokens (accessor) ON DELETE CASCADE,
    path           TEXT  NOT NULL,
    ciphertext     BYTEA NOT NULL,
    PRIMARY KEY (token_accessor, path)
);
