import { Inject, Injectable } from '@nestjs/common';
import { foldEvents } from '../../shared/domain/decider';
import { isUuid, streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFound } from '../../shared/event-store';
import { type KnownReferral, referralDecider, type ReferralState } from '../domain/referral.decider';
import { decodeReferralEvent } from '../domain/referral.decoder';
import { REFERRAL_CATEGORY } from '../domain/referral.events';
import { REFERRAL_CONVERSATION_CATEGORY } from '../domain/referral-conversation.events';
import { referralNotFound } from './problems';

export function referralStream(referralId: string): string {
  return streamName(REFERRAL_CATEGORY, referralId);
}

/** A referral's conversation: a stream of its own, so a message never conflicts with a step (docs/adr/0029). */
export function referralConversationStream(referralId: string): string {
  return streamName(REFERRAL_CONVERSATION_CATEGORY, referralId);
}

export interface LoadedReferral {
  readonly state: KnownReferral;
  /** The stream's revision: the referral's ETag. */
  readonly revision: bigint;
}

/**
 * Reads a referral's stream and folds it: the source of a referral's detail and of the access decisions on it, so
 * that an answer recorded a moment ago counts at once, whatever the read model's lag. A referral has a handful of
 * events.
 */
@Injectable()
export class ReferralStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The stream's events as stored; none when there is no such referral. */
  async recorded(referralId: string): Promise<RecordedEvent[]> {
    return isUuid(referralId) ? this.readOrNone(referralStream(referralId)) : [];
  }

  /** The events of the referral's conversation as stored (docs/adr/0029); none before its first message. */
  async conversationRecorded(referralId: string): Promise<RecordedEvent[]> {
    return isUuid(referralId) ? this.readOrNone(referralConversationStream(referralId)) : [];
  }

  private async readOrNone(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  async load(referralId: string): Promise<{ state: ReferralState; revision: bigint | undefined }> {
    const events = await this.recorded(referralId);
    const state = foldEvents(referralDecider, events.map(decodeReferralEvent));
    return { state, revision: events.at(-1)?.revision };
  }

  /** The referral, or 404 `REFERRAL_NOT_FOUND`. */
  async existing(referralId: string): Promise<LoadedReferral> {
    const { state, revision } = await this.load(referralId);
    if (state.status === 'none' || revision === undefined) throw referralNotFound();
    return { state, revision };
  }
}
