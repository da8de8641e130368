import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class NotificationParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  notificationId!: string;
}
