import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The state of the reaction to consent withdrawals (projection `referral.consents-withdrawn`): which referrals rest
 * on which consent, which consents were withdrawn, and which referrals are due to be revoked because of that. Ids
 * only.
 */
export class ReferralsOnConsent1765065600122 implements MigrationInterface {
  readonly name = 'ReferralsOnConsent1765065600122';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE referral_consents_withdrawn (
        consent_id     uuid PRIMARY KEY,
        correlation_id text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE referrals_on_consent (
        referral_id    uuid    PRIMARY KEY,
        consent_id     uuid    NOT NULL,
        revocation_due boolean NOT NULL
      )`);
    await runner.query('CREATE INDEX referrals_on_consent_by_consent ON referrals_on_consent (consent_id)');
    await runner.query(
      'CREATE INDEX referrals_on_consent_due ON referrals_on_consent (referral_id) WHERE revocation_due',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE referrals_on_consent');
    await runner.query('DROP TABLE referral_consents_withdrawn');
  }
}
