-- The role every insert transaction switches to (SET LOCAL ROLE): it may append and read the chain
-- head, nothing else, so the writer path cannot UPDATE or DELETE. Roles are cluster-wide: a DBA may
-- have made it already (the service's login then needs no CREATEROLE), and several databases may share
-- one server.
--
-- This replaces V2, which ran CREATE ROLE even when the role existed and so needed CREATEROLE always.
-- Installations that applied V2 keep it in their history (the audit schema's Flyway ignores applied
-- migrations no longer shipped); this script then finds the role and its grants in place and changes
-- nothing. Each refusal below is one line naming what is missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'arca_audit_writer') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolcreaterole OR rolsuper)) THEN
            RAISE EXCEPTION 'role arca_audit_writer does not exist and login % may not create roles (CREATEROLE): a DBA runs CREATE ROLE arca_audit_writer NOLOGIN; GRANT arca_audit_writer TO %',
                current_user, current_user;
        END IF;
        CREATE ROLE arca_audit_writer NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO arca_audit_writer;
GRANT SELECT, INSERT ON audit_log TO arca_audit_writer;
GRANT USAGE ON SEQUENCE audit_log_seq_seq TO arca_audit_writer;
-- The service's own login must be allowed to SET ROLE to the writer. Skipped when it already may (a
-- superuser, or a DBA granted it beforehand), since only the role's admin (before PostgreSQL 16 also
-- any CREATEROLE login) can grant it; its creator is its admin.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'arca_audit_writer', 'MEMBER') THEN
        IF NOT pg_has_role(current_user, 'arca_audit_writer', 'MEMBER WITH ADMIN OPTION')
                AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user
                    AND (rolsuper OR (rolcreaterole AND current_setting('server_version_num')::int < 160000))) THEN
            RAISE EXCEPTION 'login % is not a member of role arca_audit_writer and may not grant it: a DBA runs GRANT arca_audit_writer TO %',
                current_user, current_user;
        END IF;
        GRANT arca_audit_writer TO CURRENT_USER;
    END IF;
END
$$;
