import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnersContributionSchedules1764460800003 implements MigrationInterface {
  readonly name = 'PartnersContributionSchedules1764460800003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partners_contribution_schedules (
        schedule_id           uuid PRIMARY KEY,
        rate_periods          jsonb NOT NULL,
        co_funding_agreements jsonb NOT NULL,
        revision              bigint NOT NULL,
        last_applied_commit   numeric(20, 0) NOT NULL,
        last_applied_prepare  numeric(20, 0) NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE partners_contribution_schedules');
  }
}
