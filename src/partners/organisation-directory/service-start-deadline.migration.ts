import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation's service start deadline (issue 19, docs/adr/0026): days from accepting a referral to the
 * service's start. The directory's projection (version 2) replays every organisation into it.
 */
export class PartnersServiceStartDeadline1796600000000 implements MigrationInterface {
  readonly name = 'PartnersServiceStartDeadline1796600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE partners_organisations ADD COLUMN service_start_deadline_days integer NOT NULL DEFAULT 30',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE partners_organisations DROP COLUMN service_start_deadline_days');
  }
}
