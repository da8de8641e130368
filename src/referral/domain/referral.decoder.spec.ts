import { UndecodableEvent } from '../../shared/domain/event-decoding';
import { decodeReferralEvent } from './referral.decoder';

const stored = (type: string, data: unknown) => ({ streamId: 'referral-r1', revision: 3n, type, data });

const sent = {
  referralId: 'r1',
  occurredOn: '2026-03-20',
  trajectoryId: 't1',
  clientId: 'c1',
  fromOrganisationId: 'o1',
  toOrganisationId: 'o2',
  service: null,
  fromMunicipalityId: 'm1',
  toMunicipalityId: null,
  lifeDomain: 'debts',
  needId: null,
  warm: false,
  note: { $pii: { v: 1, kid: 'c1', iv: 'iv', ct: 'secret-ciphertext', tag: 'tag' } },
  consentBasis: 'share_for_referrals',
  consentId: 'k1',
  responseDeadlineDays: 14,
  dueOn: '2026-04-03',
  serviceStartDeadlineDays: 21,
  previousReferralId: null,
};

function failureOf(type: string, data: unknown): UndecodableEvent {
  try {
    decodeReferralEvent(stored(type, data));
  } catch (error) {
    if (error instanceof UndecodableEvent) return error;
    throw error;
  }
  throw new Error('decoded');
}

describe('decoding referral events', () => {
  it('reads each event type as stored', () => {
    expect(decodeReferralEvent(stored('ReferralSent', sent))).toEqual({ type: 'ReferralSent', data: sent });
    const declined = { referralId: 'r1', occurredOn: '2026-03-22', reason: 'no_capacity', explanation: null };
    expect(decodeReferralEvent(stored('ReferralDeclined', declined))).toEqual({
      type: 'ReferralDeclined',
      data: declined,
    });
  });

  it('reads a ReferralSent stored before service start deadlines with the default of then (ADR 0026)', () => {
    const { serviceStartDeadlineDays: _, ...older } = sent;
    expect(decodeReferralEvent(stored('ReferralSent', older))).toEqual({
      type: 'ReferralSent',
      data: { ...older, serviceStartDeadlineDays: 30 },
    });
  });

  it('names the stream, revision, type and field of a missing field, never a value', () => {
    const { clientId: _, ...withoutClient } = sent;
    const error = failureOf('ReferralSent', withoutClient);
    expect(error).toMatchObject({ streamId: 'referral-r1', revision: 3n, eventType: 'ReferralSent' });
    expect(error.message).toContain('data.clientId');
    expect(error.message).toContain('referral-r1');
    expect(error.message).not.toContain('secret-ciphertext');
    expect(error.message).not.toContain('2026-03-20');
  });

  it('refuses a code outside its vocabulary and a malformed sealed note, without quoting them', () => {
    const error = failureOf('ReferralRevoked', {
      referralId: 'r1',
      occurredOn: '2026-03-21',
      reason: 'on-a-whim',
      revokedByOrganisationId: 'o1',
    });
    expect(error.message).toContain('data.reason');
    expect(error.message).not.toContain('on-a-whim');
    expect(failureOf('ReferralSent', { ...sent, note: 'open text' }).message).toContain('data.note');
  });

  it('refuses a type that is no event of a referral', () => {
    const error = failureOf('ReferralForgotten', { referralId: 'r1' });
    expect(error).toMatchObject({ eventType: 'ReferralForgotten', revision: 3n });
    expect(error.message).toContain('not an event of this stream');
  });
});
