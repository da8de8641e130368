import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataKeys, PersonalDataShredded } from '../../shared/crypto';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { NEED_DESCRIPTION_CONTEXT } from '../domain/intake.events';
import { clientErased } from './intake-refusals';

/**
 * A need's description is free text about the person: sealed with the person's own key (subject id = client id,
 * docs/adr/0012), so that erasing the person makes every copy unreadable. Opened per request only.
 */
@Injectable()
export class NeedDescriptions {
  constructor(
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
  ) {}

  /** Seals a description; refuses with 409 `CLIENT_ERASED` once the person's key is destroyed. */
  async seal(clientId: string, description: string): Promise<SealedPersonalData> {
    try {
      const key = await this.keys.forSubject(this.dataSource, clientId);
      return key.seal(NEED_DESCRIPTION_CONTEXT, description);
    } catch (error) {
      if (error instanceof PersonalDataShredded) throw clientErased();
      throw error;
    }
  }

  /**
   * Opens the descriptions of one person's needs: null for none, and for all of them once the person is erased.
   * `sealed` maps need ids to their sealed descriptions.
   */
  async open(
    clientId: string,
    sealed: ReadonlyMap<string, SealedPersonalData | null>,
  ): Promise<Map<string, string | null>> {
    const opened = new Map<string, string | null>();
    const anySealed = [...sealed.values()].some((value) => value !== null);
    const key = anySealed ? await this.keys.find(this.dataSource, clientId) : undefined;
    for (const [needId, value] of sealed) {
      opened.set(needId, value !== null && key ? (key.open(NEED_DESCRIPTION_CONTEXT, value) as string) : null);
    }
    return opened;
  }
}
