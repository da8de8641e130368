import { comparePositions, type Position } from '../event-store';
import { START_POSITION, type CheckpointPosition, type JsonPosition } from './projection';

/** Orders checkpoints: `start` comes before every position. */
export function compareCheckpoints(a: CheckpointPosition, b: CheckpointPosition): number {
  if (a === START_POSITION) return b === START_POSITION ? 0 : -1;
  if (b === START_POSITION) return 1;
  return comparePositions(a, b);
}

export function laterCheckpoint(a: CheckpointPosition, b: CheckpointPosition): CheckpointPosition {
  return compareCheckpoints(a, b) >= 0 ? a : b;
}

export function toJsonPosition(position: CheckpointPosition): JsonPosition | typeof START_POSITION {
  return position === START_POSITION
    ? START_POSITION
    : { commit: position.commit.toString(), prepare: position.prepare.toString() };
}

export function formatPosition(position: CheckpointPosition): string {
  return position === START_POSITION ? 'start' : `${position.commit}/${position.prepare}`;
}

/** Parses the two halves as stored (numeric columns arrive as strings); both null means `start`. */
export function checkpointFromColumns(
  commit: string | number | null | undefined,
  prepare: string | number | null | undefined,
): CheckpointPosition {
  if (commit === null || commit === undefined || prepare === null || prepare === undefined) return START_POSITION;
  return { commit: BigInt(commit), prepare: BigInt(prepare) } satisfies Position;
}
