-- The role every insert transaction switches to (SET LOCAL ROLE): it may append and read the chain
-- head, nothing else, so the writer path cannot UPDATE or DELETE. Roles are cluster-wide and several
-- databases may share one server, hence the idempotent creation.
DO $$
BEGIN
    CREATE ROLE arca_audit_writer NOLOGIN;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO arca_audit_writer;
GRANT SELECT, INSERT ON audit_log TO arca_audit_writer;
GRANT USAGE ON SEQUENCE audit_log_seq_seq TO arca_audit_writer;
-- The service's own login role must be allowed to SET ROLE to the writer. Skipped when it already
-- may (a superuser, or a DBA granted it beforehand), since only the role's admin can grant it.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'arca_audit_writer', 'MEMBER') THEN
        GRANT arca_audit_writer TO CURRENT_USER;
    END IF;
END
$$;
