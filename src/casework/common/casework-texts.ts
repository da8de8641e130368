import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataKeys, PersonalDataShredded } from '../../shared/crypto';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { CASE_NOTE_CONTEXT } from '../domain/case-notes.events';
import { TASK_DESCRIPTION_CONTEXT, TASK_REASON_CONTEXT } from '../domain/task.events';

export type CaseworkTextContext =
  typeof CASE_NOTE_CONTEXT | typeof TASK_DESCRIPTION_CONTEXT | typeof TASK_REASON_CONTEXT;

/** The code the other capabilities answer for an erased person: one code per concept. */
function clientErased(): DomainRuleViolation {
  return new DomainRuleViolation('CLIENT_ERASED', "This person's personal data has been erased");
}

/**
 * Casework's free text (a case note, a task's description or reason) sealed with the person's key (subject id =
 * client id), as the referral note is, so that erasing the person makes it unreadable everywhere (docs/adr/0012).
 * Opened per request, never stored open.
 */
@Injectable()
export class CaseworkTexts {
  constructor(
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
  ) {}

  async seal(clientId: string, context: CaseworkTextContext, text: string): Promise<SealedPersonalData> {
    try {
      const key = await this.keys.forSubject(this.dataSource, clientId);
      return key.seal(context, text);
    } catch (error) {
      if (error instanceof PersonalDataShredded) throw clientErased();
      throw error;
    }
  }

  async sealOptional(
    clientId: string,
    context: CaseworkTextContext,
    text: string | undefined,
  ): Promise<SealedPersonalData | null> {
    return text === undefined ? null : this.seal(clientId, context, text);
  }

  /** The texts, opened with one key look-up: null for none, or when the person's key is gone (erased). */
  async open(
    clientId: string,
    context: CaseworkTextContext,
    sealed: readonly (SealedPersonalData | null)[],
  ): Promise<(string | null)[]> {
    const key = sealed.some((item) => item !== null) ? await this.keys.find(this.dataSource, clientId) : undefined;
    return sealed.map((item) => {
      if (item === null || !key) return null;
      const text = key.open(context, item);
      return typeof text === 'string' ? text : null;
    });
  }
}
