import { Inject, Injectable } from '@nestjs/common';
import { type CommandContext, earlierCallOf } from '../../shared/commands/command-executor';
import { foldEvents } from '../../shared/domain/decider';
import { isUuid, streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFound } from '../../shared/event-store';
import { intakeDecider, type IntakeState } from '../domain/intake.decider';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import { INTAKE_CATEGORY } from '../domain/intake.events';

export interface LoadedTrajectory {
  readonly state: IntakeState;
  /** The stream's revision (the trajectory's ETag); undefined when the stream does not exist. */
  readonly revision: bigint | undefined;
  readonly events: readonly RecordedEvent[];
}

export function intakeStream(trajectoryId: string): string {
  return streamName(INTAKE_CATEGORY, trajectoryId);
}

/**
 * Whether the stream holds the events of an earlier call with this command's idempotency key (a retry); 422 when
 * that call was another request.
 */
export function isRetry(loaded: LoadedTrajectory, trajectoryId: string, context: CommandContext): boolean {
  return earlierCallOf(loaded.events, intakeStream(trajectoryId), context) !== undefined;
}

/**
 * Reads a trajectory's stream and folds it: the source of truth for who is responsible (access follows a transfer
 * at once, whatever the read models' lag) and for the as-of view.
 */
@Injectable()
export class IntakeStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(trajectoryId: string): Promise<LoadedTrajectory> {
    const events = await this.events(trajectoryId);
    return {
      state: foldEvents(intakeDecider, events.map(decodeIntakeEvent)),
      revision: events.at(-1)?.revision,
      events,
    };
  }

  private async events(trajectoryId: string): Promise<RecordedEvent[]> {
    if (!isUuid(trajectoryId)) return [];
    try {
      return await this.store.readStream(intakeStream(trajectoryId));
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }
}
