import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writes logged before they are appended (docs/adr/0021): a row with outcome `pending` and no status code is stored
 * right before a command's events, the row with the outcome when the answer is known. The pending row stays (the
 * log is append-only); reads show it only when no outcome row of the same request followed, which is what happens
 * when the outcome could not be stored after the commit. Found by request id.
 */
export class AccessLogPending1765152000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_outcome_check`);
    await runner.query(`
      ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check
        CHECK (outcome IN ('allowed', 'denied', 'failed', 'pending'))`);
    await runner.query(`ALTER TABLE access_log ALTER COLUMN status_code DROP NOT NULL`);
    await runner.query(`
      ALTER TABLE access_log ADD CONSTRAINT access_log_pending_has_no_status
        CHECK ((outcome = 'pending') = (status_code IS NULL))`);
    await runner.query(`CREATE INDEX access_log_by_request ON access_log (request_id) WHERE request_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX access_log_by_request`);
    await runner.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_pending_has_no_status`);
    await runner.query(`ALTER TABLE access_log ALTER COLUMN status_code SET NOT NULL`);
    await runner.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_outcome_check`);
    await runner.query(`
      ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check
        CHECK (outcome IN ('allowed', 'denied', 'failed'))`);
  }
}
