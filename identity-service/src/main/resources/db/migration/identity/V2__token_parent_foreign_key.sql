-- Children that outlived their parent (a create racing its parent's revoke) are revoked now, with
-- their own descendants; then the database itself refuses a child whose parent is gone.
WITH RECURSIVE dangling(accessor) AS (
    SELECT t.accessor FROM tokens t
    WHERE t.parent_accessor IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM tokens p WHERE p.accessor = t.parent_accessor)
    UNION
    SELECT t.accessor FROM tokens t JOIN dangling d ON t.parent_accessor = d.accessor)
DELETE FROM tokens WHERE accessor IN (SELECT accessor FROM dangling);

ALTER TABLE tokens ADD CONSTRAINT tokens_parent_fk
    FOREIGN KEY (parent_accessor) REFERENCES tokens (accessor);
