import type { EventStore, Position } from '../event-store';
import { compareCheckpoints } from './positions';
import { START_POSITION, type CheckpointPosition } from './projection';

/** The last event of `$all`, read backwards once: the cheapest head both stores serve. */
export interface StoreHead {
  readonly position: Position;
  readonly created: Date;
}

/**
 * Events after the checkpoint, estimated from the `prepare` halves (the global sequence number in the PostgreSQL
 * store, a log offset in EventStoreDB). Never 0 while the checkpoint is short of the head: in the PostgreSQL store
 * transaction-id order can put a lower sequence number last.
 */
export function estimateLagEvents(checkpoint: CheckpointPosition, head: StoreHead | undefined): number {
  if (!head || compareCheckpoints(checkpoint, head.position) >= 0) return 0;
  const from = checkpoint === START_POSITION ? 0n : checkpoint.prepare;
  const difference = head.position.prepare - from;
  return difference > 0n ? Number(difference) : 1;
}

/** 0 when live; otherwise seconds since `lastApplied` was recorded (0 when nothing is known to be pending). */
export function lagSecondsOf(live: boolean, lastApplied: Date | undefined, now: Date): number {
  if (live || !lastApplied) return 0;
  return Math.max(0, (now.getTime() - lastApplied.getTime()) / 1000);
}

/** Share of the way from `start` to the head, for progress bars: by `prepare`, clamped to [0, 1]. */
export function progressFraction(checkpoint: CheckpointPosition, head: StoreHead | undefined): number {
  if (!head || compareCheckpoints(checkpoint, head.position) >= 0) return 1;
  if (checkpoint === START_POSITION || head.position.prepare <= 0n) return 0;
  const fraction = Number(checkpoint.prepare) / Number(head.position.prepare);
  // Short of the head means not done, even where transaction-id order puts a larger `prepare` first.
  return Math.min(0.999, Math.max(0, fraction));
}

export async function readHead(eventStore: EventStore): Promise<StoreHead | undefined> {
  const [last] = await eventStore.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
  return last && { position: last.position, created: last.created };
}

export async function readFirst(eventStore: EventStore): Promise<StoreHead | undefined> {
  const [first] = await eventStore.readAll({ direction: 'forwards', fromPosition: 'start', maxCount: 1 });
  return first && { position: first.position, created: first.created };
}
