import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per referral: where it stands and the dates of its steps, for the inbox, outbox, follow-up list and the
 * coordinators' views. Ids, codes and dates only: no note, no explanation, sealed or open (they stay in the events).
 */
export class Referrals1764806400000 implements MigrationInterface {
  readonly name = 'Referrals1764806400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE referrals (
        referral_id                uuid PRIMARY KEY,
        trajectory_id              uuid NOT NULL,
        client_id                  uuid NOT NULL,
        from_organisation_id       text NOT NULL,
        to_organisation_id         text NOT NULL,
        from_municipality_id       text,
        to_municipality_id         text,
        service                    text,
        life_domain                text NOT NULL,
        need_id                    uuid,
        warm                       boolean NOT NULL,
        consent_basis              text NOT NULL,
        has_note                   boolean NOT NULL,
        status                     text NOT NULL,
        sent_on                    date NOT NULL,
        due_on                     date NOT NULL,
        response_deadline_days     integer NOT NULL,
        responded_on               date,
        accepted_on                date,
        declined_on                date,
        decline_reason             text,
        first_contact_on           date,
        service_started_on         date,
        completed_on               date,
        completion_outcome         text,
        dropped_on                 date,
        dropped_by                 text,
        drop_reason                text,
        revoked_on                 date,
        revocation_reason          text,
        status_changed_on          date NOT NULL,
        previous_referral_id       uuid,
        revision                   bigint NOT NULL,
        last_applied_commit        numeric(20, 0) NOT NULL,
        last_applied_prepare       numeric(20, 0) NOT NULL
      )`);
    await runner.query('CREATE INDEX referrals_inbox ON referrals (to_organisation_id, status, due_on)');
    await runner.query('CREATE INDEX referrals_outbox ON referrals (from_organisation_id, status, due_on)');
    await runner.query('CREATE INDEX referrals_overdue ON referrals (status, due_on)');
    await runner.query('CREATE INDEX referrals_sent_on ON referrals (sent_on)');
    // Subject access and erasure find a person's referrals.
    await runner.query('CREATE INDEX referrals_client ON referrals (client_id)');
    await runner.query(
      'CREATE INDEX referrals_previous ON referrals (previous_referral_id) WHERE previous_referral_id IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE referrals');
  }
}
