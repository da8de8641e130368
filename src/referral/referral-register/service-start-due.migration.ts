import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referral's service start deadline and, once accepted, the day its service should start by (issue 19,
 * docs/adr/0026): the coordinators' overdue covers accepted referrals not started after it. The projection
 * (version 2) replays every referral into the new columns.
 */
export class ReferralsServiceStartDue1796600000001 implements MigrationInterface {
  readonly name = 'ReferralsServiceStartDue1796600000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE referrals
        ADD COLUMN service_start_deadline_days integer NOT NULL DEFAULT 30,
        ADD COLUMN service_start_due_on date`);
    await runner.query(
      `CREATE INDEX referrals_service_start_due ON referrals (service_start_due_on)
         WHERE status IN ('accepted', 'first_contact_made')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX referrals_service_start_due');
    await runner.query(
      'ALTER TABLE referrals DROP COLUMN service_start_due_on, DROP COLUMN service_start_deadline_days',
    );
  }
}
