import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnersOrganisations1764460800000 implements MigrationInterface {
  readonly name = 'PartnersOrganisations1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partners_organisations (
        organisation_id        uuid PRIMARY KEY,
        name                   text NOT NULL,
        type                   text NOT NULL,
        municipality_id        uuid,
        services               jsonb NOT NULL,
        response_deadline_days integer,
        active                 boolean NOT NULL,
        revision               bigint NOT NULL,
        last_applied_commit    numeric(20, 0) NOT NULL,
        last_applied_prepare   numeric(20, 0) NOT NULL
      )`);
    // The list's order (keyset pagination on name, then id).
    await queryRunner.query(
      'CREATE INDEX partners_organisations_by_name ON partners_organisations (name, organisation_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE partners_organisations');
  }
}
