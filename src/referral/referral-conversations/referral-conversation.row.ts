import { Column, Entity, PrimaryColumn } from 'typeorm';
import { revisionColumn } from '../../shared/database/revision-column';
import { ProjectedRow } from '../../shared/projections';

/**
 * One row per referral with a conversation: how many messages each organisation received and read, for the
 * sender's follow-up list (docs/adr/0029). Ids and counts only: the texts stay sealed in the events.
 */
@Entity('referral_conversations')
export class ReferralConversationRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'referral_id' }) referralId!: string;
  @Column('text', { name: 'sender_organisation_id' }) senderOrganisationId!: string;
  @Column('text', { name: 'receiver_organisation_id' }) receiverOrganisationId!: string;
  @Column('integer') messages!: number;
  /** Messages the receiver wrote to the sender, and how many of them the sender read. */
  @Column('integer', { name: 'for_sender' }) forSender!: number;
  @Column('integer', { name: 'read_by_sender' }) readBySender!: number;
  @Column('integer', { name: 'for_receiver' }) forReceiver!: number;
  @Column('integer', { name: 'read_by_receiver' }) readByReceiver!: number;
  @Column('timestamptz', { name: 'last_message_at', nullable: true }) lastMessageAt!: Date | null;
  /** The conversation's stream revision. */
  @Column('bigint', { transformer: revisionColumn }) revision!: bigint;
}
