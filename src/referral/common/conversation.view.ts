import { ApiProperty } from '@nestjs/swagger';
import { REFERRAL_PARTIES, type ReferralPartySide } from '../domain/referral-conversation.events';

/** One message of a referral's conversation. */
export class MessageView {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ enum: REFERRAL_PARTIES, description: 'The side that wrote it: the sending or the receiving one.' })
  postedBy!: ReferralPartySide;
  @ApiProperty({ format: 'uuid', description: 'The organisation that wrote it.' }) fromOrganisationId!: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Opened for this answer; null once the person is erased, or for the receiver while the consent the ' +
      'referral rests on does not hold.',
  })
  text!: string | null;
}

/** The conversation on a referral, as one of its two organisations sees it. */
export class ConversationView {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({
    type: 'integer',
    description: 'Messages for your organisation it had not read before this answer; reading marks them read.',
  })
  unread!: number;
  @ApiProperty({ type: [MessageView], description: 'Oldest first.' }) messages!: MessageView[];
  @ApiProperty({ type: 'integer', description: 'The conversation’s revision (-1 before its first message).' })
  revision!: number;
}
