import { Inject, Injectable } from '@nestjs/common';
import { foldEvents } from '../../shared/domain/decider';
import { isUuid, streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFound } from '../../shared/event-store';
import { clientDecider, type ClientState } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import { CLIENT_CATEGORY, type ClientEvent } from '../domain/client.events';

export interface LoadedClient {
  readonly state: ClientState;
  /** The stream's revision (the person's ETag); undefined when the stream does not exist. */
  readonly revision: bigint | undefined;
  /** As stored (for the subject-access report, which shows each event's metadata). */
  readonly recorded: readonly RecordedEvent[];
  /** The same events, decoded. */
  readonly events: readonly ClientEvent[];
}

export function clientStream(clientId: string): string {
  return streamName(CLIENT_CATEGORY, clientId);
}

const NOBODY: LoadedClient = { state: clientDecider.initialState, revision: undefined, recorded: [], events: [] };

/**
 * Reads a person's stream and folds it: the source of truth for access decisions (who may see the person, which
 * consents hold), so that a consent given or withdrawn a moment ago counts at once, whatever the read models' lag.
 */
@Injectable()
export class ClientStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(clientId: string): Promise<LoadedClient> {
    if (!isUuid(clientId)) return NOBODY;
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(clientStream(clientId));
    } catch (error) {
      if (error instanceof StreamNotFound) return NOBODY;
      throw error;
    }
    const events = recorded.map(decodeClientEvent);
    return { state: foldEvents(clientDecider, events), revision: recorded.at(-1)?.revision, recorded, events };
  }

  /** Whether the person was ever registered (registration is always the stream's first event). */
  async isRegistered(clientId: string): Promise<boolean> {
    if (!isUuid(clientId)) return false;
    try {
      const [first] = await this.store.readStream(clientStream(clientId), { maxCount: 1 });
      return first?.type === 'ClientRegistered';
    } catch (error) {
      if (error instanceof StreamNotFound) return false;
      throw error;
    }
  }
}
