import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnersCatalogueRights1764460800002 implements MigrationInterface {
  readonly name = 'PartnersCatalogueRights1764460800002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partners_catalogue_rights (
        right_id             uuid PRIMARY KEY,
        name                 text NOT NULL,
        life_domain          text NOT NULL,
        level                text NOT NULL,
        municipality_id      uuid,
        retired              boolean NOT NULL,
        revision             bigint NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL,
        CHECK ((level = 'local') = (municipality_id IS NOT NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX partners_catalogue_rights_by_name ON partners_catalogue_rights (name, right_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE partners_catalogue_rights');
  }
}
