import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { rowsOf } from '../../shared/database/sql-runner';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import { ReactionLoop } from '../../shared/projections';
import { ClientAccessList } from '../../clients';
import { consentFor } from '../common/referral-consents';
import { ReferralStreams } from '../common/referral-streams';
import { RevokeForWithdrawnConsent } from './revoke-for-withdrawn-consent.command';

/** Who the revocation's metadata names: the service itself, on behalf of the sending organisation. */
export const CONSENT_WITHDRAWAL_ACTOR = 'onthaal:consent-withdrawal';
const POLL_MS = 250;
const BATCH = 100;

interface DueRevocation {
  readonly referral_id: string;
  readonly consent_id: string;
  readonly correlation_id: string | null;
}

/**
 * Revokes (reason `consent_withdrawn`) every referral still awaiting an answer whose consent was withdrawn, as the
 * projection `referral.consents-withdrawn` lists them (docs/adr/0022). Each revocation is an ordinary command on
 * the referral's stream, with an idempotency key made from the consent: replayed, repeated after a crash or run on
 * two replicas at once, it appends one `ReferralRevoked` at most. A referral is left alone when it was answered
 * meanwhile, or when its basis still holds through another consent (the same check as every read).
 */
@Injectable()
export class ConsentWithdrawalRevocations implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new ReactionLoop('Revoking referrals of withdrawn consents', POLL_MS, () => this.revokeDue());

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
    private readonly streams: ReferralStreams,
    private readonly people: ClientAccessList,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Runs where the projections run: a process started without them (a command-line tool) changes nothing.
    if (this.config.projectionsEnabled) this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Revokes every referral due now; returns how many it revoked. */
  async revokeDue(): Promise<number> {
    const due = rowsOf<DueRevocation>(
      await this.dataSource.query(
        `SELECT r.referral_id, r.consent_id, w.correlation_id
           FROM referrals_on_consent r LEFT JOIN referral_consents_withdrawn w USING (consent_id)
          WHERE r.revocation_due ORDER BY r.referral_id LIMIT $1`,
        [BATCH],
      ),
    );
    let revoked = 0;
    for (const row of due) {
      if (this.loop.isStopped) break;
      if (await this.revoke(row)) revoked += 1;
    }
    return revoked;
  }

  private async revoke(row: DueRevocation): Promise<boolean> {
    // A referral gone from the store (restored apart from this database) is settled like an answered one.
    const { state } = await this.streams.load(row.referral_id);
    if (state.status !== 'sent') return this.settle(row.referral_id);
    const basis = state.sent.consentBasis;
    const person = await this.people.of(state.sent.clientId);
    const holding =
      person.status === 'registered' && basis !== 'none'
        ? consentFor(person, state.sent.toOrganisationId, basis, this.clock.now())
        : 'missing';
    if (holding !== 'missing' && holding.consentId !== null) {
      // Another consent of the same basis still holds, as every read sees it: the referral rests on that one now.
      await this.dataSource.query(
        `UPDATE referrals_on_consent
            SET consent_id = $2,
                revocation_due = EXISTS (SELECT 1 FROM referral_consents_withdrawn WHERE consent_id = $2)
          WHERE referral_id = $1`,
        [row.referral_id, holding.consentId],
      );
      return false;
    }
    let revoked = false;
    try {
      const result = await this.commands.execute(
        new RevokeForWithdrawnConsent(
          {
            user: { userId: CONSENT_WITHDRAWAL_ACTOR, organisationId: state.sent.fromOrganisationId, roles: [] },
            correlationId: row.correlation_id ?? row.consent_id,
            idempotencyKey: `consent-withdrawn:${row.consent_id}`,
          },
          row.referral_id,
          state.sent.fromOrganisationId,
          today(this.clock),
        ),
      );
      revoked = !result.replayed;
    } catch (error) {
      // Answered or revoked by someone else in between: nothing left to do.
      if (!(error instanceof DomainRuleViolation)) throw error;
    }
    await this.settle(row.referral_id);
    return revoked;
  }

  /** The referral no longer waits on a consent: its row goes. */
  private async settle(referralId: string): Promise<false> {
    await this.dataSource.query(`DELETE FROM referrals_on_consent WHERE referral_id = $1`, [referralId]);
    return false;
  }
}
