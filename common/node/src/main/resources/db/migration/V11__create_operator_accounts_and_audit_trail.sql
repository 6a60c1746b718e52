-- Operators who sign in to this node's dashboard and operator API. Passwords are stored only as
-- Spring Security DelegatingPasswordEncoder hashes ({bcrypt}..., {argon2}...). failed_attempts counts the
-- failures in a row since the last success; locked_until, when set and ahead, refuses every sign-in.
CREATE TABLE operator_account (
    username         VARCHAR(64)   PRIMARY KEY,
    password_hash    VARCHAR(255)  NOT NULL,
    failed_attempts  INTEGER       NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     TIMESTAMPTZ,
    last_login_at    TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL,
    version          BIGINT        NOT NULL DEFAULT 0
);

-- Every operator action, sign-in and sign-out: who, what, to what, when and from where. Append-only: the
-- database itself refuses to change or remove a row, whoever asks (short of dropping the trigger, which
-- only the table's owner can do: run the node as a role that does not own it).
CREATE TABLE operator_audit (
    id              BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              TIMESTAMPTZ   NOT NULL,
    actor           VARCHAR(64)   NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    target          VARCHAR(200)  NOT NULL,
    detail          VARCHAR(500)  NOT NULL,
    remote_address  VARCHAR(64)
);
CREATE INDEX operator_audit_at ON operator_audit (at DESC, id DESC);

CREATE FUNCTION operator_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'operator_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER operator_audit_no_change BEFORE UPDATE OR DELETE ON operator_audit
    FOR EACH ROW EXECUTE FUNCTION operator_audit_append_only();
CREATE TRIGGER operator_audit_no_truncate BEFORE TRUNCATE ON operator_audit
    FOR EACH STATEMENT EXECUTE FUNCTION operator_audit_append_only();
