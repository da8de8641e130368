import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFound } from '../../shared/event-store';

/** Reads a casework stream (a trajectory's notes, a task) as stored: none when it does not exist. */
@Injectable()
export class CaseworkStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async recorded(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }
}
