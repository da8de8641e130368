import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnersMunicipalities1764460800001 implements MigrationInterface {
  readonly name = 'PartnersMunicipalities1764460800001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partners_municipalities (
        municipality_id      uuid PRIMARY KEY,
        name                 text NOT NULL,
        nis_code             text,
        member               boolean NOT NULL,
        revision             bigint NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX partners_municipalities_by_name ON partners_municipalities (name, municipality_id)',
    );
    await queryRunner.query(`
      CREATE TABLE partners_municipality_populations (
        population_key       text PRIMARY KEY,
        municipality_id      uuid NOT NULL,
        year                 integer NOT NULL,
        population           integer NOT NULL CHECK (population >= 0),
        approximate          boolean NOT NULL,
        source               text,
        corrected            boolean NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL,
        UNIQUE (municipality_id, year)
      )`);
    await queryRunner.query(
      'CREATE INDEX partners_municipality_populations_by_year ON partners_municipality_populations (year)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE partners_municipality_populations');
    await queryRunner.query('DROP TABLE partners_municipalities');
  }
}
