import { UndecodableEvent } from '../../shared/domain/event-decoding';
import { decodeIntakeEvent } from './intake.decoder';

const STREAM = 'intake-5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a01';
const TRAJECTORY = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a01';
const transfer = {
  trajectoryId: TRAJECTORY,
  occurredOn: '2026-03-10',
  fromOrganisationId: 'org-a',
  toOrganisationId: 'org-b',
  reason: 'kracht_wonen',
  receivingCaseworkerId: 'worker-2',
};
const stored = (type: string, data: unknown, revision = 3n) => ({ streamId: STREAM, revision, type, data });

function failureOf(read: () => unknown): UndecodableEvent {
  try {
    read();
  } catch (error) {
    if (error instanceof UndecodableEvent) return error;
    throw error;
  }
  throw new Error('decoded');
}

describe('decodeIntakeEvent', () => {
  it('reads an event in the current shape as it is', () => {
    expect(decodeIntakeEvent(stored('ResponsibilityTransferred', transfer))).toEqual({
      type: 'ResponsibilityTransferred',
      data: transfer,
    });
  });

  it('reads a transfer stored with `caseworkerId` (before 2026-12-07) with `receivingCaseworkerId`', () => {
    const { receivingCaseworkerId, ...rest } = transfer;
    const old = { ...rest, caseworkerId: receivingCaseworkerId };
    expect(decodeIntakeEvent(stored('ResponsibilityTransferred', old))).toEqual({
      type: 'ResponsibilityTransferred',
      data: transfer,
    });
    expect(decodeIntakeEvent(stored('ResponsibilityTransferred', { ...old, caseworkerId: null })).data).toMatchObject({
      receivingCaseworkerId: null,
    });
  });

  it('refuses an event without a field, naming the stream, revision, type and field but no value', () => {
    const { toOrganisationId: _left, ...data } = transfer;
    const failure = failureOf(() => decodeIntakeEvent(stored('ResponsibilityTransferred', data, 7n)));
    expect(failure).toMatchObject({ streamId: STREAM, revision: 7n, eventType: 'ResponsibilityTransferred' });
    expect(failure.message).toContain(STREAM);
    expect(failure.message).toContain('7');
    expect(failure.message).toContain('data.toOrganisationId');
    // The trajectory id is in the stream's name; no other value may be.
    const { trajectoryId: _inStreamName, ...values } = data;
    for (const value of Object.values(values)) expect(failure.message).not.toContain(value);
  });

  it('refuses a value outside its vocabulary, naming the field only', () => {
    const failure = failureOf(() =>
      decodeIntakeEvent(stored('IntakeClosed', { trajectoryId: TRAJECTORY, occurredOn: '2026-03-10', outcome: 'x-y' })),
    );
    expect(failure.reason).toContain('data.outcome');
    expect(failure.message).not.toContain('x-y');
  });

  it('refuses a type that is no event of an intake stream', () => {
    const failure = failureOf(() => decodeIntakeEvent(stored('ReferralSent', { trajectoryId: TRAJECTORY })));
    expect(failure).toMatchObject({ eventType: 'ReferralSent', streamId: STREAM });
    expect(failure.reason).toContain('not an event of this stream');
  });
});
