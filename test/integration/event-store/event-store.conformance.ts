import { randomUUID } from 'node:crypto';
import {
  END,
  InvalidAppend,
  MAX_APPEND_BYTES,
  START,
  StreamNotFound,
  WrongExpectedVersion,
  comparePositions,
  type CurrentRevision,
  type EventData,
  type EventStore,
  type JsonObject,
  type Position,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type SubscriptionMessage,
} from '../../../src/shared/event-store';

/**
 * The one contract suite of the event store port (docs/architecture.md §3): every adapter runs it.
 *
 *   describeEventStoreConformance('EventStoreDB test server', async () => {
 *     const server = await startTestServer();
 *     const store = new EsdbEventStore(server.connectionString);
 *     return { store, dispose: async () => { await store.close(); await server.stop(); } };
 *   });
 *
 * The factory runs once for the whole suite; tests share the store, so each uses its own stream ids and types and
 * starts subscriptions from a position it wrote itself. The store must not receive writes from outside the suite
 * while it runs (a pre-existing history is fine).
 */
export interface EventStoreUnderTest {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

export interface EventStoreConformanceCapabilities {
  /** Filtered subscriptions emit checkpoints while scanning events the filter rejects. Defaults to true. */
  readonly filteredCheckpoints?: boolean;
  /** Longest wait for a subscription or `readAll` to show what was written. Defaults to 10 s. */
  readonly deliveryTimeoutMs?: number;
}

export function describeEventStoreConformance(
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  capabilities: EventStoreConformanceCapabilities = {},
): void {
  const deliveryTimeoutMs = capabilities.deliveryTimeoutMs ?? 60_000;

  describe(`event store conformance: ${name}`, () => {
    let subject: EventStoreUnderTest | undefined;
    let store: EventStore;

    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    /** A position after everything written so far: the position of a fresh one-event append. */
    async function marker(): Promise<Position> {
      return (await store.appendToStream(streamId('marker'), [anEvent('MarkerSet')], { expectedRevision: 'no_stream' }))
        .position;
    }

    /** Polls `readAll` until `done` holds: a store may show an append in `$all` a moment after it returns. */
    async function eventually(read: () => Promise<RecordedEvent[]>, done: (events: RecordedEvent[]) => boolean) {
      const deadline = Date.now() + deliveryTimeoutMs;
      for (;;) {
        const events = await read();
        if (done(events) || Date.now() > deadline) return events;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    /** Iterates a subscription until `done` holds (then closes it), or fails after the delivery timeout. */
    async function collect(
      options: SubscribeToAllOptions,
      done: (collected: Collected) => boolean,
      whileRunning?: (collected: Collected) => Promise<void>,
    ): Promise<Collected> {
      const subscription = store.subscribeToAll(options);
      const collected: Collected = { messages: [], events: [], caughtUp: false };
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        void subscription.close();
      }, deliveryTimeoutMs);
      const iterating = (async () => {
        for await (const message of subscription) {
          collected.messages.push(message);
          if (message.kind === 'event') collected.events.push(message.event);
          if (message.kind === 'caughtUp') collected.caughtUp = true;
          if (done(collected)) break;
        }
      })();
      // Awaited below; this only keeps a failure from going unhandled when `whileRunning` throws first.
      iterating.catch(() => undefined);
      try {
        if (whileRunning !== undefined) {
          await whileRunning(collected);
          // Everything may have arrived before the writer finished: then no further message will re-check `done`.
          if (done(collected)) await subscription.close();
        }
        await iterating;
      } finally {
        clearTimeout(timer);
        await subscription.close();
      }
      if (!done(collected)) {
        throw new Error(
          `subscription ${timedOut ? 'timed out' : 'ended'} after ${collected.events.length} events: ` +
            collected.messages.map((message) => message.kind).join(','),
        );
      }
      return collected;
    }

    describe('appendToStream: expected revision', () => {
      it('no_stream creates a stream and returns the revision of its last event', async () => {
        const stream = streamId();
        const result = await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1n);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0n, 1n]);
        expect(read[1]!.position).toEqual(result.position);
      });

      it('no_stream on an existing stream fails with its actual revision', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }),
          2n,
        );
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('stream_exists appends to an existing stream and fails on a missing one', async () => {
        const stream = streamId();
        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' }),
          'no_stream',
        );
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision appends when it is the last one and fails otherwise, with the actual revision', async () => {
        const stream = streamId();
        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 0n }),
          'no_stream',
        );
        await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 1n });
        expect(result.nextExpectedRevision).toBe(3n);
        await expectWrongExpectedVersion(store.appendToStream(stream, [anEvent()], { expectedRevision: 4n }), 3n);
        await expectWrongExpectedVersion(store.appendToStream(stream, [anEvent()], { expectedRevision: 2n }), 3n);
        await expectWrongExpectedVersion(store.appendToStream(stream, [anEvent()], { expectedRevision: 0n }), 3n);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('any appends whether or not the stream exists', async () => {
        const stream = streamId();
        expect(
          (await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(0n);
        expect(
          (await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'any' }))
            .nextExpectedRevision,
        ).toBe(2n);
      });

      it('the returned position is the position of the batch’s last event, rising with every append', async () => {
        const stream = streamId();
        const first = await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [anEvent()], { expectedRevision: 1n });
        expect(comparePositions(first.position, second.position)).toBeLessThan(0);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.position)).toEqual([read[0]!.position, first.position, second.position]);
        expect(comparePositions(read[0]!.position, first.position)).toBeLessThan(0);
      });
    });

    describe('appendToStream: idempotent retries by event id', () => {
      it('the same events with the same expected revision succeed again, written once, same result', async () => {
        const stream = streamId();
        const batch = [anEvent(), anEvent()];
        const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual(batch.map((event) => event.id));
      });

      it('a retry with an exact revision succeeds after later appends, returning the first result', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        const batch = [anEvent(), anEvent()];
        const first = await store.appendToStream(stream, batch, { expectedRevision: 0n });
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 2n });
        const retry = await store.appendToStream(stream, batch, { expectedRevision: 0n });
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('other events with a stale expected revision fail, nothing written', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 0n }),
          1n,
        );
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('a batch that only partly matches what follows the expected revision fails, nothing written', async () => {
        const stream = streamId();
        const [a, b, c] = [anEvent(), anEvent(), anEvent()];
        await store.appendToStream(stream, [a, b], { expectedRevision: 'no_stream' });
        // First id matches revision 0, the second is new.
        await expectWrongExpectedVersion(store.appendToStream(stream, [a, c], { expectedRevision: 'no_stream' }), 1n);
        // All ids known, but the batch runs past the stream's end.
        await store.appendToStream(stream, [c], { expectedRevision: 1n });
        await expectWrongExpectedVersion(store.appendToStream(stream, [b, c, anEvent()], { expectedRevision: 0n }), 2n);
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual([a.id, b.id, c.id]);
      });

      it('any: all ids present is a no-op success, none appends, some fails', async () => {
        const stream = streamId();
        const batch = [anEvent(), anEvent()];
        const first = await store.appendToStream(stream, batch, { expectedRevision: 'any' });
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        const retry = await store.appendToStream(stream, batch, { expectedRevision: 'any' });
        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(await store.readStream(stream)).toHaveLength(3);

        await expectWrongExpectedVersion(
          store.appendToStream(stream, [batch[0]!, anEvent()], { expectedRevision: 'any' }),
          2n,
        );
        expect(await store.readStream(stream)).toHaveLength(3);
        const fresh = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        expect(fresh.nextExpectedRevision).toBe(3n);
      });

      it('ids are per stream: the same ids in another stream are new events', async () => {
        const batch = [anEvent()];
        const [one, two] = [streamId(), streamId()];
        await store.appendToStream(one, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(two, batch, { expectedRevision: 'no_stream' });
        expect((await store.readStream(two)).map((event) => event.id)).toEqual([batch[0]!.id]);
      });
    });

    describe('appendToStream: malformed batches are refused and write nothing', () => {
      const malformed: [string, () => EventData[]][] = [
        ['duplicate ids in one batch', () => duplicated()],
        ['an empty batch', () => []],
        ['an id that is not a UUID', () => [{ ...anEvent(), id: 'not-a-uuid' }]],
        ['an empty type', () => [{ ...anEvent(), type: '' }]],
        ['no type', () => [{ id: randomUUID(), data: {} } as unknown as EventData]],
        ['data that is an array', () => [{ ...anEvent(), data: [1, 2] as unknown as JsonObject }]],
        ['data that is a string', () => [{ ...anEvent(), data: 'text' as unknown as JsonObject }]],
        ['data that is null', () => [{ ...anEvent(), data: null as unknown as JsonObject }]],
        ['data that is not JSON (NaN)', () => [{ ...anEvent(), data: { n: Number.NaN } }]],
        ['data that is not JSON (a bigint)', () => [{ ...anEvent(), data: { n: 1n as unknown as number } }]],
        ['data that is not JSON (a Date)', () => [{ ...anEvent(), data: { at: new Date() as unknown as string } }]],
        ['a U+0000 character in data (jsonb cannot hold it)', () => [anEvent('Note', { text: 'a\u0000b' })]],
        ['metadata that is not an object', () => [{ ...anEvent(), metadata: [] as unknown as JsonObject }]],
        ['one event over 1 MiB', () => [anEvent('Big', { text: 'x'.repeat(MAX_APPEND_BYTES) })]],
        [
          'a batch over 1 MiB',
          () => [1, 2, 3].map(() => anEvent('Big', { text: 'x'.repeat(Math.ceil(MAX_APPEND_BYTES / 3)) })),
        ],
      ];

      it.each(malformed)('%s: InvalidAppend on a new stream', async (_, batch) => {
        const stream = streamId();
        await expect(store.appendToStream(stream, batch(), { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidAppend,
        );
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('a malformed batch leaves an existing stream as it was, even with valid events first', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        const batch = [anEvent(), { ...anEvent(), data: 'text' as unknown as JsonObject }];
        await expect(store.appendToStream(stream, batch, { expectedRevision: 0n })).rejects.toBeInstanceOf(
          InvalidAppend,
        );
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('a batch just under 1 MiB is accepted and read back intact', async () => {
        const stream = streamId();
        const text = 'é'.repeat(Math.floor((MAX_APPEND_BYTES - 16 * 1024) / 2));
        await store.appendToStream(stream, [anEvent('Big', { text })], { expectedRevision: 'no_stream' });
        expect((await store.readStream(stream))[0]!.data).toEqual({ text });
      });
    });

    describe('readStream', () => {
      let stream: string;
      let written: EventData[];

      beforeAll(async () => {
        stream = streamId();
        written = [0, 1, 2, 3, 4].map((n) => anEvent(`Counted${n}`, { n }, { step: n }));
        await store.appendToStream(stream, written.slice(0, 3), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, written.slice(3), { expectedRevision: 2n });
      });

      const revisions = (events: RecordedEvent[]) => events.map((event) => Number(event.revision));

      it('returns the events as written, forwards by default', async () => {
        const read = await store.readStream(stream);
        expect(revisions(read)).toEqual([0, 1, 2, 3, 4]);
        expect(
          read.map(({ streamId: id, id: eventId, type, data, metadata }) => ({ id, eventId, type, data, metadata })),
        ).toEqual(
          written.map((event) => ({
            id: stream,
            eventId: event.id,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
          })),
        );
        for (const event of read) {
          expect(event.created).toBeInstanceOf(Date);
          expect(Math.abs(event.created.getTime() - Date.now())).toBeLessThan(60_000);
        }
        for (let i = 1; i < read.length; i++) {
          expect(comparePositions(read[i - 1]!.position, read[i]!.position)).toBeLessThan(0);
        }
      });

      it('metadata defaults to an empty object', async () => {
        const other = streamId();
        await store.appendToStream(other, [{ id: randomUUID(), type: 'Bare', data: {} }], { expectedRevision: 'any' });
        expect((await store.readStream(other))[0]!.metadata).toEqual({});
      });

      it('reads forwards from a revision, inclusive, with maxCount', async () => {
        expect(revisions(await store.readStream(stream, { fromRevision: 2n }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([1, 2]);
        expect(revisions(await store.readStream(stream, { fromRevision: START, maxCount: 1 }))).toEqual([0]);
        expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
        expect(await store.readStream(stream, { fromRevision: END })).toEqual([]);
      });

      it('reads backwards from the end or from a revision, inclusive, with maxCount', async () => {
        expect(revisions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([4]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 2n }))).toEqual([
          2, 1, 0,
        ]);
        expect(
          revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })),
        ).toEqual([3, 2]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 99n }))).toEqual([
          4, 3, 2, 1, 0,
        ]);
      });

      it('throws StreamNotFound for a stream never written', async () => {
        const missing = streamId();
        const error = await store.readStream(missing).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StreamNotFound);
        expect((error as StreamNotFound).streamId).toBe(missing);
        await expect(store.readStream(missing, { direction: 'backwards' })).rejects.toBeInstanceOf(StreamNotFound);
      });
    });

    describe('readAll', () => {
      it('is in global order: strictly increasing positions, equal to those of the streams', async () => {
        const stream = streamId();
        const from = await marker();
        const results = [];
        for (let i = 0; i < 3; i++) {
          results.push(
            await store.appendToStream(stream, [anEvent(), anEvent()], {
              expectedRevision: i === 0 ? 'no_stream' : BigInt(2 * i - 1),
            }),
          );
        }
        const all = await eventually(
          () => store.readAll({ fromPosition: from }),
          (events) => events.filter((event) => event.streamId === stream).length === 6,
        );
        for (let i = 1; i < all.length; i++) {
          expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBeLessThan(0);
        }
        const ours = all.filter((event) => event.streamId === stream);
        expect(ours.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        expect(ours.map((event) => event.position)).toEqual(
          (await store.readStream(stream)).map((event) => event.position),
        );
        expect([ours[1]!.position, ours[3]!.position, ours[5]!.position]).toEqual(
          results.map((result) => result.position),
        );
      });

      it('reads forwards from a position, inclusive, with maxCount', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const [e0, e1, e2] = await store.readStream(stream);
        const read = await eventually(
          () => store.readAll({ fromPosition: e1!.position, maxCount: 2 }),
          (events) => events.length === 2,
        );
        expect(read.map((event) => event.id)).toEqual([e1!.id, e2!.id]);
        expect(read.map((event) => event.position)).toEqual([e1!.position, e2!.position]);
        expect((await store.readAll({ fromPosition: e0!.position, maxCount: 1 })).map((event) => event.id)).toEqual([
          e0!.id,
        ]);
      });

      it('reads backwards from the end, or from before a position (EventStoreDB: exclusive backwards)', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const [e0, e1, e2] = await store.readStream(stream);
        const latest = await eventually(
          () => store.readAll({ direction: 'backwards', maxCount: 3 }),
          (events) => events[0]?.id === e2!.id,
        );
        expect(latest.map((event) => event.id)).toEqual([e2!.id, e1!.id, e0!.id]);
        const beforeE2 = await store.readAll({ direction: 'backwards', fromPosition: e2!.position, maxCount: 2 });
        expect(beforeE2.map((event) => event.id)).toEqual([e1!.id, e0!.id]);
        for (let i = 1; i < latest.length; i++) {
          expect(comparePositions(latest[i - 1]!.position, latest[i]!.position)).toBeGreaterThan(0);
        }
      });

      it('includes system events', async () => {
        const stream = streamId();
        const from = await marker();
        await store.appendToStream(stream, [anEvent('$SystemNoted'), anEvent()], { expectedRevision: 'no_stream' });
        const all = await eventually(
          () => store.readAll({ fromPosition: from }),
          (events) => events.some((event) => event.streamId === stream && event.revision === 1n),
        );
        expect(all.filter((event) => event.streamId === stream).map((event) => event.type)).toEqual([
          '$SystemNoted',
          'ThingHappened',
        ]);
      });
    });

    describe('subscribeToAll', () => {
      it('from START delivers everything, ours in order, positions strictly increasing', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const collected = await collect({ fromPosition: START }, (c) => ofStream(c, stream).length === 2);
        expectStrictlyIncreasing(collected.events);
        expect(ofStream(collected, stream).map((event) => event.revision)).toEqual([0n, 1n]);
      });

      it('from a position is exclusive: the next event is the first delivered', async () => {
        const stream = streamId();
        await store.appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const [e0, e1, e2] = await store.readStream(stream);
        const collected = await collect({ fromPosition: e0!.position }, (c) => ofStream(c, stream).length === 2);
        expect(collected.events[0]!.id).toBe(e1!.id);
        expect(ofStream(collected, stream).map((event) => event.id)).toEqual([e1!.id, e2!.id]);
        expect(collected.events.every((event) => comparePositions(event.position, e0!.position) > 0)).toBe(true);
      });

      it('from END delivers only what is appended after subscribing', async () => {
        const before = streamId();
        const after = streamId();
        await store.appendToStream(before, [anEvent()], { expectedRevision: 'no_stream' });
        const collected = await collect(
          { fromPosition: END },
          (c) => ofStream(c, after).length === 1,
          async (c) => {
            await until(() => c.caughtUp, deliveryTimeoutMs);
            await store.appendToStream(before, [anEvent()], { expectedRevision: 0n });
            await store.appendToStream(after, [anEvent()], { expectedRevision: 'no_stream' });
          },
        );
        expect(ofStream(collected, before).map((event) => event.revision)).toEqual([1n]);
      });

      it('signals caughtUp after the existing events, then delivers live ones', async () => {
        const stream = streamId();
        const from = await marker();
        await store.appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const collected = await collect(
          { fromPosition: from },
          (c) => ofStream(c, stream).length === 4,
          async (c) => {
            await until(() => c.caughtUp, deliveryTimeoutMs);
            await store.appendToStream(stream, [anEvent()], { expectedRevision: 2n });
          },
        );
        const kinds = collected.messages.map((message) =>
          message.kind === 'event' && message.event.streamId === stream ? `r${message.event.revision}` : message.kind,
        );
        expect(kinds.indexOf('caughtUp')).toBeGreaterThan(kinds.indexOf('r2'));
        expect(kinds.indexOf('caughtUp')).toBeLessThan(kinds.indexOf('r3'));
      });

      it('catch-up then live with no seam: every event once, in order, while appends continue', async () => {
        const streams = [streamId(), streamId(), streamId()];
        const from = await marker();
        const revisions = new Map(streams.map((stream) => [stream, -1n]));
        const appendRound = async (count: number) => {
          for (const stream of streams) {
            const expected = revisions.get(stream)!;
            const result = await store.appendToStream(
              stream,
              Array.from({ length: count }, () => anEvent()),
              { expectedRevision: expected < 0n ? 'no_stream' : expected },
            );
            revisions.set(stream, result.nextExpectedRevision);
          }
        };
        for (let round = 0; round < 20; round++) await appendRound(5);
        const total = () => [...revisions.values()].reduce((sum, revision) => sum + Number(revision) + 1, 0);
        let writing = true;
        const collected = await collect(
          { fromPosition: from },
          (c) => !writing && c.events.filter((event) => streams.includes(event.streamId)).length === total(),
          async (c) => {
            // Appends race the catch-up, then continue once live.
            for (let round = 0; round < 10; round++) {
              await appendRound(round % 2 === 0 ? 1 : 3);
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            await until(() => c.caughtUp, deliveryTimeoutMs);
            for (let round = 0; round < 5; round++) await appendRound(2);
            writing = false;
          },
        );
        expectStrictlyIncreasing(collected.events);
        for (const stream of streams) {
          const delivered = ofStream(collected, stream).map((event) => Number(event.revision));
          expect(delivered).toEqual(Array.from({ length: Number(revisions.get(stream)!) + 1 }, (_, i) => i));
        }
        const ids = collected.events.map((event) => event.id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('never delivers system events, with or without a filter', async () => {
        const stream = streamId('sysconf');
        const from = await marker();
        await store.appendToStream(stream, [anEvent(), anEvent('$SystemNoted'), anEvent()], {
          expectedRevision: 'no_stream',
        });
        const unfiltered = await collect({ fromPosition: from }, (c) => ofStream(c, stream).length >= 2);
        expect(unfiltered.events.some((event) => event.type.startsWith('$'))).toBe(false);
        expect(ofStream(unfiltered, stream).map((event) => event.revision)).toEqual([0n, 2n]);
        const filtered = await collect(
          { fromPosition: from, filter: { on: 'streamName', prefixes: ['sysconf-'] } },
          (c) => ofStream(c, stream).length >= 2,
        );
        expect(filtered.events.map((event) => event.revision)).toEqual([0n, 2n]);
      });

      describe('filters', () => {
        const tag = randomUUID().replace(/-/g, '').slice(0, 10);

        /** Appends non-matching events first, so that a delivered non-match would arrive before the last match. */
        async function writeMixed(matching: () => EventData, other: () => EventData, streams: [string, string]) {
          const from = await marker();
          await store.appendToStream(streams[1], [other(), other()], { expectedRevision: 'any' });
          await store.appendToStream(streams[0], [matching(), matching()], { expectedRevision: 'any' });
          await store.appendToStream(streams[1], [other()], { expectedRevision: 'any' });
          await store.appendToStream(streams[0], [matching()], { expectedRevision: 'any' });
          return from;
        }

        it('by event-type prefix', async () => {
          const streams: [string, string] = [streamId(), streamId()];
          const from = await writeMixed(
            () => anEvent(`Prefixed${tag}Seen`),
            () => anEvent(`Other${tag}`),
            streams,
          );
          const collected = await collect(
            { fromPosition: from, filter: { on: 'eventType', prefixes: [`Nothing${tag}`, `Prefixed${tag}`] } },
            (c) => c.events.length === 3,
          );
          expect(collected.events.map((event) => event.streamId)).toEqual([streams[0], streams[0], streams[0]]);
          expect(collected.events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
        });

        it('by event-type regex', async () => {
          const streams: [string, string] = [streamId(), streamId()];
          const from = await writeMixed(
            () => anEvent(`Rx${tag}Seen`),
            () => anEvent(`Rx${tag}Ignored`),
            streams,
          );
          const collected = await collect(
            { fromPosition: from, filter: { on: 'eventType', regex: `^Rx${tag}(Seen|Other)$` } },
            (c) => c.events.length === 3,
          );
          expect(collected.events.every((event) => event.type === `Rx${tag}Seen`)).toBe(true);
        });

        it('by stream-name prefix', async () => {
          const streams: [string, string] = [streamId(`pre${tag}`), streamId(`other${tag}`)];
          const from = await writeMixed(
            () => anEvent(),
            () => anEvent(),
            streams,
          );
          const collected = await collect(
            { fromPosition: from, filter: { on: 'streamName', prefixes: [`pre${tag}-`] } },
            (c) => c.events.length === 3,
          );
          expect(collected.events.every((event) => event.streamId === streams[0])).toBe(true);
        });

        it('by stream-name regex', async () => {
          const streams: [string, string] = [streamId(`rx${tag}`), streamId(`rxno${tag}`)];
          const from = await writeMixed(
            () => anEvent(),
            () => anEvent(),
            streams,
          );
          const collected = await collect(
            { fromPosition: from, filter: { on: 'streamName', regex: `^rx${tag}-` } },
            (c) => c.events.length === 3,
          );
          expect(collected.events.every((event) => event.streamId === streams[0])).toBe(true);
        });

        (capabilities.filteredCheckpoints === false ? it.skip : it)(
          'checkpoints while scanning filtered-out events, never past the next match',
          async () => {
            const filler = streamId();
            const needle = streamId();
            const from = await marker();
            for (let i = 0; i < 4; i++) {
              await store.appendToStream(
                filler,
                Array.from({ length: 50 }, () => anEvent(`Filler${tag}`)),
                { expectedRevision: i === 0 ? 'no_stream' : BigInt(50 * i - 1) },
              );
            }
            await store.appendToStream(needle, [anEvent(`Needle${tag}`)], { expectedRevision: 'no_stream' });
            const collected = await collect(
              { fromPosition: from, filter: { on: 'eventType', prefixes: [`Needle${tag}`] }, checkpointInterval: 32 },
              (c) => c.events.length === 1,
            );
            const needleAt = collected.messages.findIndex((message) => message.kind === 'event');
            const checkpoints = collected.messages
              .slice(0, needleAt)
              .flatMap((message) => (message.kind === 'checkpoint' ? [message.position] : []));
            expect(checkpoints.length).toBeGreaterThanOrEqual(1);
            const needlePosition = collected.events[0]!.position;
            for (const [i, position] of checkpoints.entries()) {
              expect(comparePositions(position, from)).toBeGreaterThan(0);
              expect(comparePositions(position, needlePosition)).toBeLessThanOrEqual(0);
              if (i > 0) expect(comparePositions(checkpoints[i - 1]!, position)).toBeLessThanOrEqual(0);
            }
          },
        );
      });

      it('close() ends a pending iteration', async () => {
        const subscription = store.subscribeToAll({ fromPosition: END });
        const iterator = subscription[Symbol.asyncIterator]();
        let next = await iterator.next();
        while (!next.done && next.value.kind !== 'caughtUp') next = await iterator.next();
        const pending = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await subscription.close();
        let timer: NodeJS.Timeout | undefined;
        const ended = await Promise.race([
          pending,
          new Promise<'still pending'>((resolve) => {
            timer = setTimeout(() => resolve('still pending'), 30_000);
          }),
        ]);
        clearTimeout(timer);
        expect(ended).toEqual({ done: true, value: undefined });
      });

      it('breaking out of for-await stops the subscription', async () => {
        const stream = streamId();
        const from = await marker();
        await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ fromPosition: from });
        const seen: SubscriptionMessage[] = [];
        for await (const message of subscription) {
          seen.push(message);
          if (message.kind === 'event' && message.event.streamId === stream) break;
        }
        expect(seen.filter((message) => message.kind === 'event' && message.event.streamId === stream)).toHaveLength(1);
        await subscription.close();
      });
    });

    it('ping resolves while the store is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

interface Collected {
  messages: SubscriptionMessage[];
  events: RecordedEvent[];
  caughtUp: boolean;
}

function streamId(category = 'conformance'): string {
  return `${category}-${randomUUID()}`;
}

function anEvent(type = 'ThingHappened', data: JsonObject = { n: 1 }, metadata?: JsonObject): EventData {
  return metadata === undefined ? { id: randomUUID(), type, data } : { id: randomUUID(), type, data, metadata };
}

function duplicated(): EventData[] {
  const event = anEvent();
  return [event, anEvent(), { ...event, data: { other: true } }];
}

function ofStream(collected: Collected, stream: string): RecordedEvent[] {
  return collected.events.filter((event) => event.streamId === stream);
}

function expectStrictlyIncreasing(events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    expect(comparePositions(events[i - 1]!.position, events[i]!.position)).toBeLessThan(0);
  }
}

async function expectWrongExpectedVersion(append: Promise<unknown>, actual: CurrentRevision): Promise<void> {
  const error = await append.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect((error as WrongExpectedVersion).actual).toBe(actual);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
