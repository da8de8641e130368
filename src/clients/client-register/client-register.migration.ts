import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientsRegister1764547200003 implements MigrationInterface {
  readonly name = 'ClientsRegister1764547200003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients_register (
        client_id            uuid PRIMARY KEY,
        registered_by        text NOT NULL,
        registered_on        date NOT NULL,
        birth_year           integer NOT NULL,
        household_adults     integer NOT NULL,
        household_children   integer NOT NULL,
        main_income_source   text NOT NULL,
        municipality_id      uuid NOT NULL,
        municipality_since   date,
        erased               boolean NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await runner.query('CREATE INDEX clients_register_by_municipality ON clients_register (municipality_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE clients_register');
  }
}
