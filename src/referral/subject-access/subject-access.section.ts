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
import { referralConversationStream, referralStream, ReferralStreams } from '../common/referral-streams';
import { decodeReferralEvent } from '../domain/referral.decoder';
import {
  COMPLETION_FEEDBACK_CONTEXT,
  DECLINE_EXPLANATION_CONTEXT,
  REFERRAL_NOTE_CONTEXT,
} from '../domain/referral.events';
import { decodeReferralConversationEvent } from '../domain/referral-conversation.decoder';
import { REFERRAL_MESSAGE_CONTEXT } from '../domain/referral-conversation.events';
import { ReferralConversationRow } from '../referral-conversations/referral-conversation.row';
import { ReferralRow } from '../referral-register/referral.row';

/**
 * The sealed fields of referral events: the sender's note, a decline's explanation, a completion's feedback and the
 * messages of the conversation (docs/adr/0029).
 */
const SEALED_FIELDS: SealedFields = {
  note: REFERRAL_NOTE_CONTEXT,
  explanation: DECLINE_EXPLANATION_CONTEXT,
  feedback: COMPLETION_FEEDBACK_CONTEXT,
  text: REFERRAL_MESSAGE_CONTEXT,
};

/**
 * The referral part of the subject-access report (docs/adr/0017): the person's referrals, found through the read
 * model (it has the client id), every event of each and of its conversation (docs/adr/0029), notes and explanations opened, and their rows. Events are
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
      const conversation = await this.referrals.conversationRecorded(referralId);
      conversation.forEach(decodeReferralConversationEvent);
      if (conversation.length > 0) {
        streams.push({
          streamId: referralConversationStream(referralId),
          events: conversation.map((event) => subjectAccessEventView(event, SEALED_FIELDS, open)),
        });
      }
    }
    const conversations =
      rows.length === 0
        ? []
        : await this.dataSource
            .getRepository(ReferralConversationRow)
            .createQueryBuilder('c')
            .where('c.referral_id IN (:...ids)', { ids: rows.map((row) => row.referralId) })
            .orderBy('c.referral_id', 'ASC')
            .getMany();
    return {
      streams,
      readModels: {
        referrals: rows.map((row) => subjectAccessRowView(row, SEALED_FIELDS, open)),
        referralConversations: conversations.map((row) => subjectAccessRowView(row, SEALED_FIELDS, open)),
      },
    };
  }
}
