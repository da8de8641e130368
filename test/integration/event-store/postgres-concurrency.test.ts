import { randomUUID } from 'node:crypto';
import { comparePositions, type EventData, type RecordedEvent } from '../../../src/shared/event-store';
import { PostgresEventStore, appendToStreamWith } from '../../../src/shared/event-store/postgres';
import { createTestDatabase, testDatabaseKinds } from '../../support/database';

/**
 * docs/architecture.md §3: a global sequence alone loses events, because a transaction that took position 10 can commit
 * after one that took 11, and a poller that saw 11 never looks back. Many writers hold their transactions open for
 * a random few milliseconds after appending, so that commits land out of position order, while a subscription
 * runs. It must receive every committed event exactly once, each stream in revision order, nothing rolled back.
 *
 * On PostgreSQL this races for real. PGlite runs one session and serialises transactions, so there it is a smaller
 * smoke test of the same code path.
 */
const sizes = {
  postgres: { writers: 32, transactionsPerWriter: 20, sharedStreams: 2, maxSleepMs: 6 },
  pglite: { writers: 6, transactionsPerWriter: 5, sharedStreams: 2, maxSleepMs: 2 },
} as const;

describe.each(testDatabaseKinds())('concurrent appends on %s', (kind) => {
  const size = sizes[kind];

  it(`a subscription receives every committed event once, in stream order (${size.writers} writers)`, async () => {
    const db = await createTestDatabase({ kind, poolSize: size.writers + 4 });
    const store = new PostgresEventStore(db.pool, { batchSize: 50, minPollIntervalMs: 1 });
    try {
      const marker = await store.appendToStream(`marker-${randomUUID()}`, [anEvent()], {
        expectedRevision: 'no_stream',
      });
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ fromPosition: marker.position });
      const receiving = (async () => {
        for await (const message of subscription) if (message.kind === 'event') received.push(message.event);
      })();

      const shared = Array.from({ length: size.sharedStreams }, () => `shared-${randomUUID()}`);
      const committed = new Map<string, string>();
      const rolledBack = new Set<string>();
      const writer = async () => {
        const own = `own-${randomUUID()}`;
        let ownRevision: bigint | undefined;
        for (let n = 0; n < size.transactionsPerWriter; n++) {
          const toShared = Math.random() < 0.7;
          const stream = toShared ? shared[Math.floor(Math.random() * shared.length)]! : own;
          const batch = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => anEvent());
          const client = await db.pool.connect();
          try {
            await client.query('BEGIN');
            const result = await appendToStreamWith(client, stream, batch, {
              expectedRevision: toShared ? 'any' : (ownRevision ?? 'no_stream'),
            });
            await client.query('SELECT pg_sleep($1)', [(Math.random() * size.maxSleepMs) / 1000]);
            // Every fifth transaction of each writer rolls back, after holding its positions for a while.
            if (n % 5 === 2) {
              await client.query('ROLLBACK');
              for (const event of batch) rolledBack.add(event.id);
            } else {
              await client.query('COMMIT');
              for (const event of batch) committed.set(event.id, stream);
              if (!toShared) ownRevision = result.nextExpectedRevision;
            }
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          } finally {
            client.release();
          }
        }
      };
      await Promise.all(Array.from({ length: size.writers }, writer));

      await until(() => received.filter((event) => !event.streamId.startsWith('marker-')).length >= committed.size);
      // A little longer: anything extra (a duplicate, a rolled-back event) would arrive now.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await subscription.close();
      await receiving;

      const delivered = received.filter((event) => !event.streamId.startsWith('marker-'));
      expect(delivered.map((event) => event.id).sort()).toEqual([...committed.keys()].sort());
      expect(delivered.filter((event) => rolledBack.has(event.id))).toEqual([]);
      for (let i = 1; i < delivered.length; i++) {
        expect(comparePositions(delivered[i - 1]!.position, delivered[i]!.position)).toBeLessThan(0);
      }
      const byStream = new Map<string, number[]>();
      for (const event of delivered) {
        expect(event.streamId).toBe(committed.get(event.id));
        byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), Number(event.revision)]);
      }
      for (const revisions of byStream.values()) {
        expect(revisions).toEqual(revisions.map((_, i) => i));
      }
      expect(committed.size).toBeGreaterThan(0);
      expect(rolledBack.size).toBeGreaterThan(0);
    } finally {
      await store.close();
      await db.dispose();
    }
  });
});

function anEvent(): EventData {
  return { id: randomUUID(), type: 'ThingHappened', data: {} };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
