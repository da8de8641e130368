import { parentPort, workerData } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { capabilities } from '../../src/capabilities';
import { impactFactsProjection } from '../../src/impact/facts/impact-facts.projection';
import { createDataSource } from '../../src/shared/database';
import type { RecordedEvent } from '../../src/shared/event-store';
import {
  claimCheckpoint,
  compareAndSetCheckpoint,
  type StoredCheckpoint,
} from '../../src/shared/projections/checkpoint-store';

/**
 * The `impact.facts` projection's writes during the history load, in a worker thread of their own: the main thread
 * generates and inserts the events (Node's share of the load), this one turns each batch into facts and commits them
 * with the projection's checkpoint, as the runner does (its compare-and-set, then the handler, in one transaction).
 * Batches arrive in order and are applied one after the other; each is acknowledged when committed.
 */
export interface ImpactFactsWorkerData {
  readonly url: string;
}

export type ImpactFactsMessage =
  | { readonly kind: 'batch'; readonly events: readonly RecordedEvent[]; readonly last: RecordedEvent }
  | { readonly kind: 'end' };

export type ImpactFactsReply = { readonly ok: true } | { readonly ok: false; readonly error: string };

const port = parentPort!;
const { url } = workerData as ImpactFactsWorkerData;
let dataSource: DataSource | undefined;
let checkpoint: StoredCheckpoint | undefined;

async function open(): Promise<void> {
  dataSource = createDataSource({
    url,
    migrations: [],
    entities: capabilities.flatMap((capability) => capability.entities),
    poolSize: 1,
    applicationName: 'onthaal-bench-impact-facts',
  });
  await dataSource.initialize();
  const claimed = await claimCheckpoint(dataSource, impactFactsProjection);
  if (claimed.kind !== 'ready') throw new Error('impact.facts: a newer version owns the read model');
  checkpoint = claimed.checkpoint;
}

async function advance(events: readonly RecordedEvent[], last: RecordedEvent | undefined): Promise<void> {
  const from = checkpoint!;
  checkpoint = await dataSource!.transaction(async (tx) => {
    const next = await compareAndSetCheckpoint(tx, from, {
      position: last?.position ?? from.position,
      caughtUp: last === undefined,
      applied: events.length,
      ...(last ? { lastEventCreated: last.created } : {}),
    });
    if (next === undefined) throw new Error('impact.facts: the checkpoint moved during the load');
    if (events.length > 0) await impactFactsProjection.handle(events, tx);
    return next;
  });
}

let queue: Promise<unknown> = open();
port.on('message', (message: ImpactFactsMessage) => {
  queue = queue
    .then(async () => {
      if (message.kind === 'batch') {
        await advance(message.events, message.last);
      } else {
        await advance([], undefined);
        await dataSource?.destroy();
      }
      port.postMessage({ ok: true } satisfies ImpactFactsReply);
    })
    .catch((error: unknown) => {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
    });
});
