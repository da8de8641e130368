import { ApiProperty } from '@nestjs/swagger';

/** Sealed values appear opened (`value`) or, once the key is destroyed, as `{ sealed: true, readable: false }`. */
export class SubjectAccessEventView {
  @ApiProperty() revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded.' }) recordedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it happened.' })
  occurredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who recorded it (user id).' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'For which organisation.' })
  organisationId!: string | null;
  @ApiProperty({ type: Object, description: 'The event, personal data opened.' }) data!: Record<string, unknown>;
}

export class SubjectAccessReport {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ enum: ['registered', 'erased'] }) status!: 'registered' | 'erased';
  @ApiProperty({ type: Object, nullable: true, description: 'The personal data held today, opened; null once erased.' })
  personalData!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, description: "The person's data key: active, or destroyed and when." })
  dataKey!: Record<string, unknown>;
  @ApiProperty({ type: [SubjectAccessEventView], description: 'Every event about the person, oldest first.' })
  events!: SubjectAccessEventView[];
  @ApiProperty({ type: Object, description: 'Every read-model row about the person, by table, personal data opened.' })
  readModels!: Record<string, unknown>;
  @ApiProperty({ type: [Object], description: 'Every access-log entry about the person, newest first.' })
  accessLog!: Record<string, unknown>[];
}
