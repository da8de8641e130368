import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataKeys, PersonalDataShredded } from '../../shared/crypto';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import {
  type COMPLETION_FEEDBACK_CONTEXT,
  type DECLINE_EXPLANATION_CONTEXT,
  type REFERRAL_NOTE_CONTEXT,
} from '../domain/referral.events';
import type { REFERRAL_MESSAGE_CONTEXT } from '../domain/referral-conversation.events';
import { clientErased } from './problems';

export type NoteContext =
  | typeof REFERRAL_NOTE_CONTEXT
  | typeof DECLINE_EXPLANATION_CONTEXT
  | typeof COMPLETION_FEEDBACK_CONTEXT
  | typeof REFERRAL_MESSAGE_CONTEXT;

/**
 * A referral's free text (the sender's note, a decline's explanation, a completion's feedback, the messages of its
 * conversation) sealed with the person's key (subject id =
 * client id), so that erasing the person makes it unreadable everywhere. Opened per request, never stored open.
 */
@Injectable()
export class ReferralNotes {
  constructor(
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
  ) {}

  async seal(clientId: string, context: NoteContext, text: string | null): Promise<SealedPersonalData | null> {
    if (text === null) return null;
    try {
      const key = await this.keys.forSubject(this.dataSource, clientId);
      return key.seal(context, text);
    } catch (error) {
      if (error instanceof PersonalDataShredded) throw clientErased();
      throw error;
    }
  }

  /** The text, or null when there is none or the person's key is gone (erased). */
  async open(clientId: string, context: NoteContext, sealed: SealedPersonalData | null): Promise<string | null> {
    if (sealed === null) return null;
    const key = await this.keys.find(this.dataSource, clientId);
    if (!key) return null;
    const text = key.open(context, sealed);
    return typeof text === 'string' ? text : null;
  }
}
