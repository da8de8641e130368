/**
 * The EventStoreDB adapter through the real @eventstore/db-client against the wire-compatible test server:
 * both append paths, error mapping, subscriptions (filters, checkpoints, ordering, back-pressure), readiness,
 * and recovery when the server goes away and comes back. The store-agnostic contract is the conformance suite
 * (esdb-event-store.test.ts); this file covers what is specific to EventStoreDB and its client.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  EventStoreUnavailable,
  InvalidAppend,
  StreamNotFound,
  WrongExpectedVersion,
  comparePositions,
  type EventData,
  type JsonObject,
  type Position,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
} from '../../../src/shared/event-store';
import { EsdbEventStore } from '../../../src/shared/event-store/esdb';
import { startEsdbTestServer, type EsdbTestServer } from '../../support/esdb-test-server';

const newEvent = (type = 'ReferralAccepted', data: JsonObject = { accepted: true }): EventData => ({
  id: randomUUID(),
  type,
  data,
});
const newStream = (category = 'referral') => `${category}-${randomUUID()}`;

/** Pulls messages until `done` says so; fails instead of hanging when they do not come. */
async function collect(
  subscription: Subscription,
  done: (messages: SubscriptionMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<SubscriptionMessage[]> {
  const messages: SubscriptionMessage[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (!done(messages)) {
    const timer = new AbortController();
    const next = await Promise.race([
      iterator.next(),
      // Aborted only once the race is settled, so that no timer outlives the test.
      sleep(Math.max(0, deadline - Date.now()), 'timeout' as const, { signal: timer.signal }).catch(
        () => 'timeout' as const,
      ),
    ]).finally(() => timer.abort());
    if (next === 'timeout') throw new Error(`timed out after ${messages.length} messages: ${summary(messages)}`);
    if (next.done) throw new Error(`subscription ended after ${messages.length} messages`);
    messages.push(next.value);
  }
  return messages;
}

const eventsOf = (messages: SubscriptionMessage[]): RecordedEvent[] =>
  messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));
const summary = (messages: SubscriptionMessage[]) =>
  messages.map((m) => (m.kind === 'event' ? `${m.event.type}@${m.event.streamId.slice(0, 12)}` : m.kind)).join(', ');

describe.each([
  { batchAppend: true, path: 'BatchAppend' },
  { batchAppend: false, path: 'Append' },
])('EsdbEventStore on the test server, appending through $path', ({ batchAppend }) => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeAll(async () => {
    server = await startEsdbTestServer({ batchAppend });
    store = EsdbEventStore.fromConnectionString(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('appends through the path the server advertises', async () => {
    const before = { ...server.stats };
    await store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no_stream' });
    expect(server.stats.batchAppends - before.batchAppends).toBe(batchAppend ? 1 : 0);
    expect(server.stats.appends - before.appends).toBe(batchAppend ? 0 : 1);
  });

  it('checks every kind of expected revision and reports the actual one', async () => {
    const streamId = newStream();
    const first = await store.appendToStream(streamId, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
    expect(first.nextExpectedRevision).toBe(1n);

    await expect(store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject(
      {
        constructor: WrongExpectedVersion,
        streamId,
        expected: 'no_stream',
        actual: 1n,
      },
    );
    await expect(store.appendToStream(streamId, [newEvent()], { expectedRevision: 5n })).rejects.toMatchObject({
      constructor: WrongExpectedVersion,
      actual: 1n,
    });
    await expect(
      store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'stream_exists' }),
    ).rejects.toMatchObject({
      constructor: WrongExpectedVersion,
      expected: 'stream_exists',
      actual: 'no_stream',
    });
    await expect(store.appendToStream(newStream(), [newEvent()], { expectedRevision: 0n })).rejects.toMatchObject({
      constructor: WrongExpectedVersion,
      actual: 'no_stream',
    });

    const exact = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 1n });
    const exists = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'stream_exists' });
    const any = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'any' });
    expect([exact.nextExpectedRevision, exists.nextExpectedRevision, any.nextExpectedRevision]).toEqual([2n, 3n, 4n]);
    expect(comparePositions(exact.position, first.position)).toBe(1);
    expect(comparePositions(any.position, exists.position)).toBe(1);

    const read = await store.readStream(streamId);
    expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(read.at(-1)!.position).toEqual(any.position);
  });

  it('retries idempotently by event id with the same expected revision, and refuses a partial repeat', async () => {
    const streamId = newStream();
    const batch = [newEvent(), newEvent()];
    const written = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
    const retried = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
    expect(retried).toEqual(written);

    const next = [newEvent()];
    await store.appendToStream(streamId, next, { expectedRevision: 1n });
    expect(await store.appendToStream(streamId, next, { expectedRevision: 1n })).toMatchObject({
      nextExpectedRevision: 2n,
    });
    // `any` deduplicates on the first id too (best effort in EventStoreDB, exact here).
    expect(await store.appendToStream(streamId, next, { expectedRevision: 'any' })).toMatchObject({
      nextExpectedRevision: 2n,
    });

    await expect(
      store.appendToStream(streamId, [batch[0]!, newEvent()], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await store.readStream(streamId)).toHaveLength(3);
  });

  it('returns the position of an idempotent retry even from a server that leaves it out', async () => {
    const older = await startEsdbTestServer({ batchAppend, positionOnIdempotentWrite: false });
    const olderStore = EsdbEventStore.fromConnectionString(older.connectionString);
    try {
      const streamId = newStream();
      const batch = [newEvent(), newEvent()];
      const written = await olderStore.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
      expect(await olderStore.appendToStream(streamId, batch, { expectedRevision: 'no_stream' })).toEqual(written);
    } finally {
      await olderStore.close();
      await older.stop();
    }
  });

  it('reports the actual revision of a conflict when the connection string asks the client not to throw', async () => {
    const lenient = EsdbEventStore.fromConnectionString(`${server.connectionString}&throwOnAppendFailure=false`);
    try {
      const streamId = newStream();
      await lenient.appendToStream(streamId, [newEvent(), newEvent(), newEvent(), newEvent()], {
        expectedRevision: 'no_stream',
      });
      await expect(lenient.appendToStream(streamId, [newEvent()], { expectedRevision: 1n })).rejects.toMatchObject({
        constructor: WrongExpectedVersion,
        expected: 1n,
        actual: 3n,
      });
      await expect(
        lenient.appendToStream(newStream(), [newEvent()], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({
        constructor: WrongExpectedVersion,
        actual: 'no_stream',
      });
    } finally {
      await lenient.close();
    }
  });

  it('round-trips data, metadata, ids in lower case and the creation time', async () => {
    const streamId = newStream();
    const id = randomUUID().toUpperCase();
    const before = Date.now();
    await store.appendToStream(
      streamId,
      [
        {
          id,
          type: 'ReferralSent',
          data: { partner: 'ocmw', nested: { list: [1, 'two', null] } },
          metadata: { actor: 'user-1' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const [event] = await store.readStream(streamId);
    expect(event).toMatchObject({
      streamId,
      revision: 0n,
      id: id.toLowerCase(),
      type: 'ReferralSent',
      data: { partner: 'ocmw', nested: { list: [1, 'two', null] } },
      metadata: { actor: 'user-1' },
    });
    // `created` travels as 100-ns ticks since the Unix epoch.
    expect(event!.created.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(event!.created.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('reads streams both ways from a revision, and reports a missing stream', async () => {
    const streamId = newStream();
    await store.appendToStream(streamId, [newEvent(), newEvent(), newEvent(), newEvent()], {
      expectedRevision: 'no_stream',
    });
    const revisions = (events: RecordedEvent[]) => events.map((event) => event.revision);
    expect(revisions(await store.readStream(streamId, { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
    expect(revisions(await store.readStream(streamId, { direction: 'backwards', maxCount: 2 }))).toEqual([3n, 2n]);
    expect(revisions(await store.readStream(streamId, { direction: 'backwards', fromRevision: 1n }))).toEqual([1n, 0n]);
    expect(await store.readStream(streamId, { fromRevision: 9n })).toEqual([]);
    await expect(store.readStream(newStream())).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('reads $all in global order with the system events, forwards inclusive and backwards before a position', async () => {
    const streamId = newStream();
    await store.appendToStream(streamId, [newEvent('A'), newEvent('B'), newEvent('C')], {
      expectedRevision: 'no_stream',
    });
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all.some((event) => event.type.startsWith('$'))).toBe(true);
    for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBe(-1);

    const ours = all.filter((event) => event.streamId === streamId);
    const forwards = await store.readAll({ fromPosition: ours[1]!.position, maxCount: 2 });
    expect(forwards.map((event) => event.type)).toEqual(['B', 'C']);
    // EventStoreDB reads backwards from a record's start: the event at the position itself is not included
    // (AllReader.ReadAllEventsBackwardInternal takes records whose post-position is at or before it).
    const backwards = await store.readAll({ direction: 'backwards', fromPosition: ours[2]!.position, maxCount: 2 });
    expect(backwards.map((event) => event.type)).toEqual(['B', 'A']);
    const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    expect(last!.type).toBe('C');
  });

  it('refuses malformed batches before the server sees them, and maps the server size limit to InvalidAppend', async () => {
    const before = { ...server.stats };
    const streamId = newStream();
    await expect(
      store.appendToStream(streamId, [{ ...newEvent(), id: 'not-a-uuid' }], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(InvalidAppend);
    await expect(store.appendToStream(streamId, [newEvent()], { expectedRevision: -1n })).rejects.toBeInstanceOf(
      InvalidAppend,
    );
    expect(server.stats.appends + server.stats.batchAppends).toBe(before.appends + before.batchAppends);

    const small = await startEsdbTestServer({ batchAppend, maxAppendSize: 1000 });
    const limited = EsdbEventStore.fromConnectionString(small.connectionString);
    try {
      await expect(
        limited.appendToStream(streamId, [newEvent('Big', { text: 'x'.repeat(2000) })], { expectedRevision: 'any' }),
      ).rejects.toMatchObject({ constructor: InvalidAppend, streamId });
      await expect(limited.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFound);
    } finally {
      await limited.close();
      await small.stop();
    }
  });
});

describe('EsdbEventStore subscriptions on the test server', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeAll(async () => {
    server = await startEsdbTestServer({ batchAppend: true });
    store = EsdbEventStore.fromConnectionString(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('catches up, says so once, then delivers live events, never system events', async () => {
    const streamId = newStream();
    await store.appendToStream(streamId, [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll();
    try {
      const history = await collect(subscription, (messages) => messages.some((m) => m.kind === 'caughtUp'));
      expect(
        eventsOf(history)
          .filter((event) => event.streamId === streamId)
          .map((event) => event.type),
      ).toEqual(['A', 'B']);
      expect(history.filter((m) => m.kind === 'caughtUp')).toHaveLength(1);

      server.store.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { busy: 1 });
      await store.appendToStream(streamId, [newEvent('C')], { expectedRevision: 1n });
      const live = await collect(subscription, (messages) => eventsOf(messages).length === 1);
      expect(eventsOf(live).map((event) => event.type)).toEqual(['C']);
      expect([...history, ...live].filter((m) => m.kind === 'event' && m.event.type.startsWith('$'))).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it('starts after the given position (exclusive), and from the end with live events only', async () => {
    const streamId = newStream();
    const first = await store.appendToStream(streamId, [newEvent('A')], { expectedRevision: 'no_stream' });
    const fromEnd = store.subscribeToAll({ fromPosition: 'end' });
    const fromFirst = store.subscribeToAll({
      fromPosition: first.position,
      filter: { on: 'streamName', prefixes: [streamId] },
    });
    try {
      await collect(fromEnd, (messages) => messages.some((m) => m.kind === 'caughtUp'));
      await store.appendToStream(streamId, [newEvent('B')], { expectedRevision: 0n });
      expect(eventsOf(await collect(fromEnd, (m) => eventsOf(m).length === 1)).map((e) => e.type)).toEqual(['B']);
      expect(eventsOf(await collect(fromFirst, (m) => eventsOf(m).length === 1)).map((e) => e.type)).toEqual(['B']);
    } finally {
      await Promise.all([fromEnd.close(), fromFirst.close()]);
    }
  });

  it.each([
    { filter: { on: 'eventType', prefixes: ['Eviction'] }, expected: ['EvictionNoticed', 'EvictionAverted'] },
    { filter: { on: 'eventType', regex: 'Averted$' }, expected: ['EvictionAverted', 'ReferralAverted'] },
    { filter: { on: 'streamName', prefixes: ['evictionCase-'] }, expected: ['EvictionNoticed', 'EvictionAverted'] },
    { filter: { on: 'streamName', regex: '^referral-' }, expected: ['ReferralSent', 'ReferralAverted'] },
  ] as const)('filters on the server by $filter.on ($filter)', async ({ filter, expected }) => {
    const from = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    const eviction = newStream('evictionCase');
    const referral = newStream('referral');
    await store.appendToStream(eviction, [newEvent('EvictionNoticed')], { expectedRevision: 'no_stream' });
    await store.appendToStream(referral, [newEvent('ReferralSent')], { expectedRevision: 'no_stream' });
    // A system event in a matching stream: a stream filter lets it through on the wire, the adapter drops it.
    server.store.appendSystemEvent(`${referral}`, '$metadata', { $maxCount: 10 });
    await store.appendToStream(eviction, [newEvent('EvictionAverted')], { expectedRevision: 0n });
    await store.appendToStream(referral, [newEvent('ReferralAverted')], { expectedRevision: 'any' });

    const subscription = store.subscribeToAll({ fromPosition: from, filter });
    try {
      const messages = await collect(subscription, (m) => m.some((message) => message.kind === 'caughtUp'));
      expect(eventsOf(messages).map((event) => event.type)).toEqual(expected);
    } finally {
      await subscription.close();
    }
  });

  it('checkpoints through filtered-out events so that a consumer can resume past them without loss', async () => {
    const from = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    const noise = newStream('intake');
    await store.appendToStream(
      noise,
      Array.from({ length: 40 }, () => newEvent('IntakeNoted')),
      { expectedRevision: 'no_stream' },
    );
    const wanted = newStream('duo');
    await store.appendToStream(wanted, [newEvent('DuoFormed')], { expectedRevision: 'no_stream' });

    const subscription = store.subscribeToAll({
      fromPosition: from,
      filter: { on: 'eventType', prefixes: ['Duo'] },
      checkpointInterval: 10,
    });
    let checkpoint: Position | undefined;
    try {
      const messages = await collect(subscription, (m) => eventsOf(m).length === 1);
      const checkpoints = messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.position] : []));
      // 40 filtered-out events scanned, one checkpoint per 10 of them, all before the matching event.
      expect(checkpoints.length).toBeGreaterThanOrEqual(4);
      expect(messages.at(-1)).toMatchObject({ kind: 'event', event: { type: 'DuoFormed' } });
      checkpoint = checkpoints.at(-1);
    } finally {
      await subscription.close();
    }

    const resumed = store.subscribeToAll({ fromPosition: checkpoint!, filter: { on: 'eventType', prefixes: ['Duo'] } });
    try {
      const messages = await collect(resumed, (m) => eventsOf(m).length === 1);
      expect(eventsOf(messages).map((event) => event.streamId)).toEqual([wanted]);
    } finally {
      await resumed.close();
    }
  });

  it('keeps the server checkpoints to itself when told not to trust them (EventStoreDB before 24.10)', async () => {
    const cautious = EsdbEventStore.fromConnectionString(server.connectionString, { trustServerCheckpoints: false });
    const from = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    await store.appendToStream(
      newStream('intake'),
      Array.from({ length: 40 }, () => newEvent('IntakeNoted')),
      {
        expectedRevision: 'no_stream',
      },
    );
    await store.appendToStream(newStream('duo'), [newEvent('DuoFormed')], { expectedRevision: 'no_stream' });
    const subscription = cautious.subscribeToAll({
      fromPosition: from,
      filter: { on: 'eventType', prefixes: ['Duo'] },
      checkpointInterval: 5,
    });
    try {
      const messages = await collect(subscription, (m) => m.some((message) => message.kind === 'caughtUp'));
      expect(messages.map((message) => message.kind)).toEqual(['event', 'caughtUp']);
    } finally {
      await subscription.close();
      await cautious.close();
    }
  });

  it('never puts a checkpoint ahead of events not yet delivered, even with a slow consumer', async () => {
    const slow = EsdbEventStore.fromConnectionString(server.connectionString, { subscriptionBufferSize: 2 });
    const from = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    const streamId = newStream('activation');
    for (let batch = 0; batch < 6; batch++) {
      await store.appendToStream(
        streamId,
        Array.from({ length: 50 }, () => newEvent('ActivationLogged')),
        { expectedRevision: 'any' },
      );
    }
    const subscription = slow.subscribeToAll({
      fromPosition: from,
      filter: { on: 'streamName', prefixes: ['activation-'] },
      checkpointInterval: 3,
    });
    try {
      let seen: Position | undefined;
      let events = 0;
      let checkpoints = 0;
      for await (const message of subscription) {
        if (message.kind === 'event') {
          if (seen) expect(comparePositions(message.event.position, seen)).toBe(1);
          seen = message.event.position;
          events += 1;
          if (events % 25 === 0) await sleep(5);
        } else if (message.kind === 'checkpoint') {
          // A checkpoint covers exactly the events delivered so far.
          expect(seen && comparePositions(message.position, seen)).toBe(0);
          checkpoints += 1;
        } else if (message.kind === 'caughtUp') {
          break;
        }
      }
      expect(events).toBe(300);
      expect(checkpoints).toBe(100);
    } finally {
      await subscription.close();
      await slow.close();
    }
  });

  it('holds the server back while the consumer does not read', async () => {
    const paused = EsdbEventStore.fromConnectionString(server.connectionString, { subscriptionBufferSize: 4 });
    const from = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    const streamId = newStream('impact');
    const payload = { text: 'y'.repeat(1000) };
    for (let batch = 0; batch < 10; batch++) {
      await store.appendToStream(
        streamId,
        Array.from({ length: 200 }, () => newEvent('ImpactMeasured', payload)),
        {
          expectedRevision: 'any',
        },
      );
    }
    const sentBefore = server.stats.eventsSent;
    const subscription = paused.subscribeToAll({ fromPosition: from });
    try {
      const first = await collect(subscription, (m) => eventsOf(m).length === 1);
      expect(eventsOf(first)).toHaveLength(1);
      await sleep(300);
      // 2,000 events of about 1 kB: gRPC flow control stops the server long before it has sent them all.
      expect(server.stats.eventsSent - sentBefore).toBeLessThan(500);
      const rest = await collect(subscription, (m) => m.some((message) => message.kind === 'caughtUp'), 60_000);
      expect(eventsOf(rest)).toHaveLength(1999);
    } finally {
      await subscription.close();
      await paused.close();
    }
  });

  it('reports falling behind and catching up again when a burst outruns a live consumer', async () => {
    const small = await startEsdbTestServer({ batchAppend: true, liveBufferSize: 10 });
    const writer = EsdbEventStore.fromConnectionString(small.connectionString);
    const subscription = writer.subscribeToAll({ fromPosition: 'end' });
    try {
      await collect(subscription, (m) => m.some((message) => message.kind === 'caughtUp'));
      await writer.appendToStream(
        newStream(),
        Array.from({ length: 100 }, () => newEvent()),
        { expectedRevision: 'no_stream' },
      );
      const messages = await collect(subscription, (m) => eventsOf(m).length === 100 && m.at(-1)?.kind === 'caughtUp');
      const transitions = messages.filter((m) => m.kind === 'fellBehind' || m.kind === 'caughtUp').map((m) => m.kind);
      expect(transitions).toEqual(['fellBehind', 'caughtUp']);
    } finally {
      await subscription.close();
      await writer.close();
      await small.stop();
    }
  });
});

describe('EsdbEventStore when EventStoreDB goes away', () => {
  it('resumes a dropped subscription from the last position seen: every event exactly once, none lost', async () => {
    const server = await startEsdbTestServer({ batchAppend: true });
    const store = EsdbEventStore.fromConnectionString(server.connectionString);
    const streamId = newStream('clientFile');
    const written: string[] = [];
    const append = async (count: number) => {
      const events = Array.from({ length: count }, () => newEvent('ClientFileUpdated'));
      await store.appendToStream(streamId, events, { expectedRevision: 'any' });
      written.push(...events.map((event) => event.id));
    };
    try {
      await append(5);
      const received: string[] = [];
      let checkpoint: Position | 'start' = 'start';
      // One iterator per subscription, as a projection runner holds it: leaving a `for await` would close it.
      const consume = async (subscription: AsyncIterator<SubscriptionMessage>, until: () => boolean) => {
        for (let next = await subscription.next(); !next.done; next = await subscription.next()) {
          const message = next.value;
          if (message.kind === 'event' && message.event.streamId === streamId) received.push(message.event.id);
          if (message.kind === 'event') checkpoint = message.event.position;
          if (message.kind === 'checkpoint') checkpoint = message.position;
          if (until()) return;
        }
      };

      const first = store.subscribeToAll({ fromPosition: checkpoint });
      const firstIterator = first[Symbol.asyncIterator]();
      await consume(firstIterator, () => received.length === 5);
      await append(3);
      const dropped = consume(firstIterator, () => false);
      await sleep(50);
      await server.stop();
      await expect(dropped).rejects.toBeInstanceOf(EventStoreUnavailable);

      // Refused while the server is down; the final read proves it left nothing behind.
      await expect(append(1)).rejects.toBeInstanceOf(EventStoreUnavailable);
      await server.restart();
      await append(4);

      const second = store.subscribeToAll({ fromPosition: checkpoint });
      try {
        await consume(second[Symbol.asyncIterator](), () => received.length >= written.length);
      } finally {
        await second.close();
      }
      expect(received).toEqual(written);
      expect(new Set(received).size).toBe(12);
      expect((await store.readStream(streamId)).map((event) => event.id)).toEqual(written);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('fails readiness with the reason while the server is down and recovers by itself when it is back', async () => {
    const server = await startEsdbTestServer({ batchAppend: true });
    const store = EsdbEventStore.fromConnectionString(server.connectionString);
    try {
      await expect(store.ping()).resolves.toBeUndefined();
      await server.stop();
      const failure = await store.ping().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EventStoreUnavailable);
      expect((failure as Error).message).toMatch(/UNAVAILABLE|ECONNREFUSED|No connection/i);
      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailable);
      const whileDown = store.subscribeToAll();
      await expect(collect(whileDown, () => false)).rejects.toBeInstanceOf(EventStoreUnavailable);

      await server.restart();
      await expect(store.ping()).resolves.toBeUndefined();
      const afterRestart = store.subscribeToAll();
      try {
        await collect(afterRestart, (messages) => messages.some((m) => m.kind === 'caughtUp'));
      } finally {
        await afterRestart.close();
      }
      const streamId = newStream();
      await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      expect(await store.readStream(streamId)).toHaveLength(1);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('fails readiness with a clear reason against a wrong port, a TLS mismatch and a silent server', async () => {
    const port = await freePort();
    const nobody = EsdbEventStore.fromConnectionString(`esdb://127.0.0.1:${port}?tls=false`, { pingTimeoutMs: 1000 });
    await expect(nobody.ping()).rejects.toThrow(/ECONNREFUSED|UNAVAILABLE/);
    await nobody.close();

    const server = await startEsdbTestServer({ batchAppend: true });
    const tls = EsdbEventStore.fromConnectionString(`esdb://localhost:${server.port}?tls=true`, {
      pingTimeoutMs: 1000,
    });
    await expect(tls.ping()).rejects.toBeInstanceOf(EventStoreUnavailable);
    await tls.close();
    await server.stop();

    const silent = await silentServer();
    const hung = EsdbEventStore.fromConnectionString(`esdb://127.0.0.1:${silent.port}?tls=false`, {
      pingTimeoutMs: 300,
    });
    try {
      await expect(hung.ping()).rejects.toThrow(/no answer within 300 ms/);
    } finally {
      await hung.close();
      await silent.close();
    }
  });

  it('recovers when a server that accepted connections but never answered is replaced by a working one', async () => {
    const silent = await silentServer();
    const store = EsdbEventStore.fromConnectionString(`esdb://127.0.0.1:${silent.port}?tls=false&defaultDeadline=300`, {
      pingTimeoutMs: 300,
      appendTimeoutMs: 500,
    });
    const streamId = newStream();
    try {
      await expect(
        store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailable);
      await silent.close();
      const server = await startEsdbTestServer({ batchAppend: true, port: silent.port });
      try {
        await eventually(() => store.ping());
        await eventually(() => store.appendToStream(streamId, [newEvent()], { expectedRevision: 'any' }));
        expect(await store.readStream(streamId)).toHaveLength(1);
      } finally {
        await server.stop();
      }
    } finally {
      await store.close();
    }
  });

  it('gives up on an append to a server too slow to answer; a retry with the same ids writes it exactly once', async () => {
    const server = await startEsdbTestServer({ batchAppend: true });
    server.delayServerFeatures(1000);
    const store = EsdbEventStore.fromConnectionString(server.connectionString, { appendTimeoutMs: 300 });
    const streamId = newStream();
    const events = [newEvent(), newEvent()];
    try {
      // A timeout is an unknown outcome: the write may still happen once the server gets to it.
      await expect(store.appendToStream(streamId, events, { expectedRevision: 'no_stream' })).rejects.toThrow(
        /no answer within 300 ms/,
      );
      server.delayServerFeatures(0);
      const written = await eventually(() => store.appendToStream(streamId, events, { expectedRevision: 'no_stream' }));
      expect(written.nextExpectedRevision).toBe(1n);
      await sleep(1000); // past the moment the first attempt reached the server
      expect((await store.readStream(streamId)).map((event) => event.id)).toEqual(events.map((event) => event.id));
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('discovers the node through gossip with esdb+discover://, and says why when discovery fails', async () => {
    const server = await startEsdbTestServer({ batchAppend: true });
    const discovered = EsdbEventStore.fromConnectionString(
      `esdb+discover://127.0.0.1:${server.port}?tls=false&maxDiscoverAttempts=1&gossipTimeout=2`,
    );
    const streamId = newStream();
    try {
      await discovered.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      await expect(discovered.ping()).resolves.toBeUndefined();
      expect(server.store.stream(streamId)).toHaveLength(1);
    } finally {
      await discovered.close();
      await server.stop();
    }

    const lost = EsdbEventStore.fromConnectionString(
      `esdb+discover://127.0.0.1:${await freePort()}?tls=false&maxDiscoverAttempts=1&gossipTimeout=2`,
    );
    try {
      await expect(lost.ping()).rejects.toThrow(/no EventStoreDB node found through gossip/);
      await expect(lost.readAll()).rejects.toBeInstanceOf(EventStoreUnavailable);
    } finally {
      await lost.close();
    }
  });

  it('refuses an unusable connection string without repeating it (it may hold a password)', () => {
    const refusal = (() => {
      try {
        EsdbEventStore.fromConnectionString('esdb://admin:s3cret@127.0.0.1:2113?tls=maybe');
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal?.message).toMatch(
      /EVENTSTORE_CONNECTION_STRING is not usable: expected true or false at character \d+/,
    );
    expect(refusal?.message).not.toContain('s3cret');
    expect(() => EsdbEventStore.fromConnectionString('http://127.0.0.1:2113')).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Accepts TCP connections and never says a word: a hung node, or a port that is not EventStoreDB's. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
