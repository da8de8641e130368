import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '../../shared/event-store';
import {
  openedStream,
  type OpenSealed,
  type SealedFields,
  type SubjectAccessSection,
  type SubjectAccessSectionReport,
  SubjectAccessSections,
  subjectAccessRowView,
} from '../../shared/privacy';
import { referralStream } from '../common/referral-streams';
import { DECLINE_EXPLANATION_CONTEXT, REFERRAL_NOTE_CONTEXT } from '../domain/referral.events';
import { ReferralRow } from '../referral-register/referral.row';

/** The sealed fields of referral events: the sender's note and a decline's explanation. */
const SEALED_FIELDS: SealedFields = { note: REFERRAL_NOTE_CONTEXT, explanation: DECLINE_EXPLANATION_CONTEXT };

/**
 * The referral part of the subject-access report (docs/adr/0017): the person's referrals, found through the read
 * model (it has the client id), every event of each, notes and explanations opened, and their rows.
 */
@Injectable()
export class ReferralSubjectAccessSection implements SubjectAccessSection, OnModuleInit {
  readonly name = 'referral';

  constructor(
    private readonly sections: SubjectAccessSections,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async report(clientId: string, open: OpenSealed): Promise<SubjectAccessSectionReport> {
    const referrals = await this.dataSource
      .getRepository(ReferralRow)
      .find({ where: { clientId }, order: { sentOn: 'ASC', referralId: 'ASC' } });
    const streams = [];
    for (const { referralId } of referrals) {
      streams.push(await openedStream(this.store, referralStream(referralId), SEALED_FIELDS, open));
    }
    return {
      streams,
      readModels: { referrals: referrals.map((row) => subjectAccessRowView(row, SEALED_FIELDS, open)) },
    };
  }
}
