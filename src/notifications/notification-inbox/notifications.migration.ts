import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications read model (docs/notifications.md, docs/adr/0029): notifications made from other capabilities'
 * events, deadlines that become notifications where they are read, the referrals' two organisations, and what each
 * user has read. Ids, codes, links and times only: no personal data, so nothing is sealed here.
 */
export class Notifications1796900000001 implements MigrationInterface {
  readonly name = 'Notifications1796900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notifications (
        notification_id          uuid PRIMARY KEY,
        organisation_id          text NOT NULL,
        audience_role            text NOT NULL,
        user_id                  text,
        kind                     text NOT NULL,
        referral_id              uuid,
        trajectory_id            uuid,
        other_organisation_id    text,
        link                     text NOT NULL,
        created_at               timestamptz NOT NULL,
        arrival                  bigserial NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX notifications_inbox ON notifications (organisation_id, created_at DESC, notification_id DESC)',
    );
    await runner.query('CREATE INDEX notifications_arrival ON notifications (arrival)');
    await runner.query(`
      CREATE TABLE notification_deadlines (
        deadline_id              uuid PRIMARY KEY,
        subject_id               uuid NOT NULL,
        organisation_id          text NOT NULL,
        audience_role            text NOT NULL,
        user_id                  text,
        kind                     text NOT NULL,
        referral_id              uuid,
        trajectory_id            uuid,
        other_organisation_id    text,
        link                     text NOT NULL,
        shows_from               date NOT NULL,
        open                     boolean NOT NULL
      )`);
    await runner.query('CREATE INDEX notification_deadlines_subject ON notification_deadlines (subject_id)');
    await runner.query(
      'CREATE INDEX notification_deadlines_open ON notification_deadlines (organisation_id, shows_from) WHERE open',
    );
    await runner.query(`
      CREATE TABLE notification_referrals (
        referral_id              uuid PRIMARY KEY,
        sender_organisation_id   text NOT NULL,
        receiver_organisation_id text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE notification_reads (
        reader_id                uuid NOT NULL,
        notification_id          uuid NOT NULL,
        PRIMARY KEY (reader_id, notification_id)
      )`);
    await runner.query(`
      CREATE TABLE notification_readers (
        reader_id                uuid PRIMARY KEY,
        all_read_at              timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_readers',
      'notification_reads',
      'notification_referrals',
      'notification_deadlines',
      'notifications',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
