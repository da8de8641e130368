import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The counts of each referral's conversation (docs/adr/0029): ids and numbers, no text. */
export class ReferralConversations1796900000000 implements MigrationInterface {
  readonly name = 'ReferralConversations1796900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE referral_conversations (
        referral_id                uuid PRIMARY KEY,
        sender_organisation_id     text NOT NULL,
        receiver_organisation_id   text NOT NULL,
        messages                   integer NOT NULL,
        for_sender                 integer NOT NULL,
        read_by_sender             integer NOT NULL,
        for_receiver               integer NOT NULL,
        read_by_receiver           integer NOT NULL,
        last_message_at            timestamptz,
        revision                   bigint NOT NULL,
        last_applied_commit        numeric(20, 0) NOT NULL,
        last_applied_prepare       numeric(20, 0) NOT NULL
      )`);
    // The sender's follow-up list looks for its referrals with unread replies.
    await runner.query(
      'CREATE INDEX referral_conversations_unread_by_sender ON referral_conversations (sender_organisation_id) ' +
        'WHERE for_sender > read_by_sender',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE referral_conversations');
  }
}
