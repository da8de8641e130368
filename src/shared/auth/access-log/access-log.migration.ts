import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log: one row per access to personal data or a case file, identifiers only. Append-only twice over:
 * no endpoint changes it, and triggers refuse UPDATE, DELETE and TRUNCATE to anyone who does not drop them first.
 * In production the service's database role also lacks UPDATE, DELETE and TRUNCATE on the table (README).
 */
export class AccessLog1764374400000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE access_log (
        id              bigserial   PRIMARY KEY,
        occurred_at     timestamptz NOT NULL DEFAULT now(),
        request_id      text,
        user_id         text,
        organisation_id text,
        roles           text[]      NOT NULL DEFAULT '{}',
        action          text        NOT NULL CHECK (action IN ('read', 'write')),
        resource_type   text        NOT NULL,
        resource_id     uuid,
        person_id       uuid,
        method          text        NOT NULL,
        route           text        NOT NULL,
        status_code     smallint    NOT NULL,
        outcome         text        NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed'))
      )`);
    await runner.query(
      `CREATE INDEX access_log_by_person ON access_log (person_id, id DESC) WHERE person_id IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX access_log_by_user ON access_log (user_id, id DESC) WHERE user_id IS NOT NULL`);
    await runner.query(`
      CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only()`);
    await runner.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE access_log`);
    await runner.query(`DROP FUNCTION access_log_is_append_only()`);
  }
}
