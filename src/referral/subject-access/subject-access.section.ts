import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type OpenSealed,
  type SealedFields,
  type SubjectAccessSection,
  type SubjectAccessSectionReport,
  SubjectAccessSections,
  subjectAccessEventView,
  subjectAccessRowView,
} from '../../shared/privacy';
import { referralStream, ReferralStreams } from '../common/referral-streams';
import { decodeReferralEvent } from '../domain/referral.decoder';
import { DECLINE_EXPLANATION_CONTEXT, REFERRAL_NOTE_CONTEXT } from '../domain/referral.events';
import { ReferralRow } from '../referral-register/referral.row';

/** The sealed fields of referral events: the sender's note and a decline's explanation. */
const SEALED_FIELDS: SealedFields = { note: REFERRAL_NOTE_CONTEXT, explanation: DECLINE_EXPLANATION_CONTEXT };

/**
 * The referral part of the subject-access report (docs/adr/0017): the person's referrals, found through the read
 * model (it has the client id), every event of each, notes and explanations opened, and their rows. Events are
 * decoded first: a report over a history this code cannot read would be wrong silently.
 */
@Injectable()
export class ReferralSubjectAccessSection implements SubjectAccessSection, OnModuleInit {
  readonly name = 'referral';

  constructor(
    private readonly sections: SubjectAccessSections,
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralStreams,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async report(clientId: string, open: OpenSealed): Promise<SubjectAccessSectionReport> {
    const rows = await this.dataSource
      .getRepository(ReferralRow)
      .find({ where: { clientId }, order: { sentOn: 'ASC', referralId: 'ASC' } });
    const streams = [];
    for (const { referralId } of rows) {
      const events = await this.referrals.recorded(referralId);
      // Each must decode; the report shows the data as stored.
      events.forEach(decodeReferralEvent);
      streams.push({
        streamId: referralStream(referralId),
        events: events.map((event) => subjectAccessEventView(event, SEALED_FIELDS, open)),
      });
    }
    return {
      streams,
      readModels: { referrals: rows.map((row) => subjectAccessRowView(row, SEALED_FIELDS, open)) },
    };
  }
}
