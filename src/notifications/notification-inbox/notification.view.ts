import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notification.values';

/** One notification: what happened, to what (ids), with which organisation, and where to look. No personal data. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) trajectoryId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The other organisation: the sender, the receiver, or the one that transferred.',
  })
  organisationId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the partners’ directory.' })
  organisationName!: string | null;
  @ApiProperty({ example: '/referrals/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11', description: 'Where to look.' })
  link!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When it happened; for `referral_overdue`, the start of the first day past the due date (UTC).',
  })
  createdAt!: string;
  @ApiProperty({ description: 'Read by you.' }) read!: boolean;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView], description: 'Newest first.' }) items!: NotificationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ type: 'integer', description: 'Your unread notifications, on every page.' }) unreadCount!: number;
}
