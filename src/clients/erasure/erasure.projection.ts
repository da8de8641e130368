import type { EntityManager } from 'typeorm';
import { shredDataKeys } from '../../shared/crypto';
import { affectedOf } from '../../shared/database/sql-runner';
import type { RecordedEvent } from '../../shared/event-store';
import type { ProjectionHandler } from '../../shared/projections';
import { decodeClientEvent } from '../domain/client.decoder';
import { requestErasureRewrite } from './erasure-rewrites';

export const CLIENT_ERASURES_PROJECTION = 'clients.erasures';

/**
 * Makes every erasure in the event history hold in this database: destroys the person's data key and their blind
 * indexes. The erasure command does both at once; this replays them wherever the database lost them, e.g. after a
 * restore of a backup taken before the erasure while the events (EventStoreDB) kept it, or on a rebuild. When it
 * destroyed anything itself, it asks `ErasureRewrites` to rewrite the tables, which cannot happen in its transaction.
 * It owns no rows, so a reset clears nothing (and must not bring a destroyed key back).
 */
export const clientErasuresProjection: ProjectionHandler = {
  name: CLIENT_ERASURES_PROJECTION,
  version: 1,
  filter: { on: 'eventType', prefixes: ['ClientPersonalDataErased'] },
  async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const clientIds = events
      .filter((event) => event.type === 'ClientPersonalDataErased')
      .map((event) => decodeClientEvent(event).data.clientId);
    if (clientIds.length === 0) return;
    const destroyed = await shredDataKeys(tx, clientIds);
    const removed = affectedOf(
      await tx.query(`DELETE FROM clients_identity_index WHERE client_id = ANY($1::uuid[])`, [clientIds]),
    );
    if (destroyed + removed > 0) await requestErasureRewrite(tx);
  },
  async reset(): Promise<void> {
    // Nothing of its own to clear.
  },
};
