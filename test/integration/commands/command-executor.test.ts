import { randomUUID } from 'node:crypto';
import { type CommandContext, CommandExecutor, newResourceId } from '../../../src/shared/commands/command-executor';
import type { Clock } from '../../../src/shared/domain/clock';
import type { Decider } from '../../../src/shared/domain/decider';
import { DomainRuleViolation, IdempotencyKeyReused, StaleRevision } from '../../../src/shared/domain/domain-error';
import { eventDecoder, integer, object, UndecodableEvent } from '../../../src/shared/domain/event-decoding';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';

/** A toy stream: places on a waiting list, at most `capacity`. */
type Command = { type: 'Reserve'; places: number; capacity: number };
type Event = { type: 'PlacesReserved'; data: { places: number } };
type State = { reserved: number };

const waitingList: Decider<Command, Event, State> = {
  initialState: { reserved: 0 },
  decide(command, state) {
    if (state.reserved + command.places > command.capacity) {
      throw new DomainRuleViolation('WAITING_LIST_FULL', 'Not enough places left');
    }
    return [{ type: 'PlacesReserved', data: { places: command.places } }];
  },
  evolve: (state, event) => ({ reserved: state.reserved + event.data.places }),
};

const decodeWaitingList = eventDecoder<Event>({ PlacesReserved: object({ places: integer }) });

const clock: Clock = { now: () => new Date('2026-03-20T09:00:00Z') };
const user = { userId: 'user-1', organisationId: 'org-kortrijk', roles: ['social_worker'] as const };

describe.each(testDatabaseKinds())('the command executor on %s', (kind) => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let executor: CommandExecutor;

  beforeAll(async () => {
    db = await createTestDatabase({ kind });
    store = new PostgresEventStore(db.pool);
    executor = new CommandExecutor(store, clock);
  });
  afterAll(async () => {
    await store.close();
    await db.dispose();
  });

  const run = (streamId: string, command: Command, context: CommandContext) =>
    executor.execute(streamId, waitingList, command, context, decodeWaitingList);
  const reserve = (places: number, capacity = 10): Command => ({ type: 'Reserve', places, capacity });
  const context = (extra: object = {}) => ({ user, correlationId: randomUUID(), ...extra });

  it('appends the decided events with their envelope and returns the new revision and state', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    const result = await run(streamId, reserve(2), context({ occurredAt: new Date('2026-03-03T00:00:00Z') }));
    expect(result).toMatchObject({ streamId, revision: 0n, state: { reserved: 2 }, replayed: false });
    const [event] = await store.readStream(streamId);
    expect(event).toMatchObject({ type: 'PlacesReserved', data: { places: 2 } });
    expect(event!.metadata).toMatchObject({
      actorId: 'user-1',
      organisationId: 'org-kortrijk',
      roles: ['social_worker'],
      occurredAt: '2026-03-03T00:00:00.000Z',
    });
    expect(result.position).toEqual(event!.position);
  });

  it('answers a retry with the same idempotency key like the first call, and writes nothing twice', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    const first = await run(streamId, reserve(3), context({ idempotencyKey: 'key-0001-retry' }));
    await run(streamId, reserve(1), context());
    const retry = await run(streamId, reserve(3), context({ idempotencyKey: 'key-0001-retry' }));
    expect(retry).toEqual({ ...first, replayed: true });
    expect((await store.readStream(streamId)).map((event) => event.data)).toEqual([{ places: 3 }, { places: 1 }]);
  });

  it('refuses an idempotency key sent again with another request with 422, and keeps no trace of the body', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    const keyed = (requestDigest: string) => context({ idempotencyKey: 'key-0002-reused', requestDigest });
    const first = await run(streamId, reserve(3), keyed('digest-of-the-first-request'));
    const retry = await run(streamId, reserve(3), keyed('digest-of-the-first-request'));
    expect(retry).toEqual({ ...first, replayed: true });
    const reused = await run(streamId, reserve(1), keyed('digest-of-another-request')).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(IdempotencyKeyReused);
    expect((reused as IdempotencyKeyReused).code).toBe('IDEMPOTENCY_KEY_REUSED');
    const events = await store.readStream(streamId);
    expect(events).toHaveLength(1);
    // The fingerprint is keyed by the idempotency key: the digest itself is not stored.
    expect(events[0]!.metadata.requestFingerprint).toEqual(expect.any(String));
    expect(JSON.stringify(events[0]!.metadata)).not.toContain('digest-of-the-first-request');
    // Events without a fingerprint (written by a command that came from no request) match on the key alone.
    const seeded = `waitingList-${randomUUID()}`;
    const unkeyed = await run(seeded, reserve(2), context({ idempotencyKey: 'key-0003-seed' }));
    const replayed = await run(seeded, reserve(2), context({ idempotencyKey: 'key-0003-seed', requestDigest: 'any' }));
    expect(replayed).toEqual({ ...unkeyed, replayed: true });
  });

  it('refuses with 412 when If-Match names a revision the stream has moved past', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    await run(streamId, reserve(1), context());
    await run(streamId, reserve(1), context({ expectedRevision: 0n }));
    const refused = await run(streamId, reserve(1), context({ expectedRevision: 0n })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StaleRevision);
    expect((refused as StaleRevision).code).toBe('REVISION_MISMATCH');
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('lets a domain refusal through and appends nothing', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    await run(streamId, reserve(9), context());
    await expect(run(streamId, reserve(2), context())).rejects.toThrow(DomainRuleViolation);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('stops at a stored event it cannot decode, naming the stream, revision, type and field, never the value', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    await run(streamId, reserve(1), context());
    await store.appendToStream(
      streamId,
      [{ id: randomUUID(), type: 'PlacesReserved', data: { places: 'Jan Peeters' }, metadata: {} }],
      { expectedRevision: 0n },
    );
    const refused = await run(streamId, reserve(1), context()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UndecodableEvent);
    expect((refused as Error).message).toBe(
      `Event PlacesReserved at revision 1 of stream ${streamId} cannot be decoded: data.places must be an integer`,
    );
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('decides again on the new state when concurrent commands race, so no rule is broken', async () => {
    const streamId = `waitingList-${randomUUID()}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => run(streamId, reserve(2, 10), context())),
    );
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(accepted).toHaveLength(5);
    const refusals = outcomes.flatMap((outcome): unknown[] => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(refusals.every((reason) => reason instanceof DomainRuleViolation)).toBe(true);
    const events = await store.readStream(streamId);
    expect(events.reduce((sum, event) => sum + Number(event.data.places), 0)).toBe(10);
  });

  it('derives the id of a created resource from the idempotency key', () => {
    const keyed = { user, idempotencyKey: 'create-0001' };
    expect(newResourceId(keyed, 'client')).toBe(newResourceId(keyed, 'client'));
    expect(newResourceId(keyed, 'client')).not.toBe(
      newResourceId({ ...keyed, user: { ...user, userId: 'user-2' } }, 'client'),
    );
    expect(newResourceId({ user }, 'client')).not.toBe(newResourceId({ user }, 'client'));
    expect(newResourceId(keyed, 'client')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
