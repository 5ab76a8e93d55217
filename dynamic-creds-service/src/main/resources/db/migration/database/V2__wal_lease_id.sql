-- The lease a write-ahead record's user is registered under, chosen before the user is created. The
-- record of a completed issue is deleted after the answer, in batches; one that outlives its process
-- is told from an unfinished issue by its lease existing.
ALTER TABLE db_wal ADD COLUMN lease_id text;
