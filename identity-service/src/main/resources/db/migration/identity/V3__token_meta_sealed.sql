-- Token metadata is stored encrypted by the barrier (aad identity/tokens/<accessor>). The plaintext
-- column stays only for rows written before; identity re-encrypts them once unsealed and clears it.
ALTER TABLE tokens ADD COLUMN meta_sealed BYTEA;
