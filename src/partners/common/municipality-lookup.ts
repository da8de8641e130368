import { Inject, Injectable } from '@nestjs/common';
import { isUuid, streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, StreamNotFound } from '../../shared/event-store';
import { decodeMunicipalityEvent, MUNICIPALITY_CATEGORY } from '../domain/municipality.events';

/**
 * Answers "is this municipality registered?" for commands that name one, from the event store rather than a read
 * model: a municipality registered a moment ago is already known, and an unknown one is refused with certainty.
 */
@Injectable()
export class MunicipalityLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async isRegistered(municipalityId: string | null | undefined): Promise<boolean> {
    if (typeof municipalityId !== 'string' || !isUuid(municipalityId)) return false;
    try {
      // Registration is always a municipality's first event, and nothing undoes it.
      const [first] = await this.store.readStream(streamName(MUNICIPALITY_CATEGORY, municipalityId), { maxCount: 1 });
      return first !== undefined && decodeMunicipalityEvent(first).type === 'MunicipalityRegistered';
    } catch (error) {
      if (error instanceof StreamNotFound) return false;
      throw error;
    }
  }
}
