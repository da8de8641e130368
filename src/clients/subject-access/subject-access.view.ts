import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type {
  SubjectAccessEventView as EventView,
  SubjectAccessSectionReport,
  SubjectAccessStreamView as StreamView,
} from '../../shared/privacy';

const SEALED_VALUES =
  'Sealed values appear opened or, once the key is destroyed, as `{ "sealed": true, "readable": false }`.';

export class SubjectAccessEventView implements EventView {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded.' }) recordedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it happened.' })
  occurredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who recorded it (user id).' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'For which organisation.' })
  organisationId!: string | null;
  @ApiProperty({ type: Object, description: `The event, personal data opened. ${SEALED_VALUES}` })
  data!: Record<string, unknown>;
}

export class SubjectAccessStreamView implements StreamView {
  @ApiProperty({ example: 'intake-3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }) streamId!: string;
  @ApiProperty({ type: [SubjectAccessEventView], description: 'Every event of the stream, oldest first.' })
  events!: readonly SubjectAccessEventView[];
}

export class SubjectAccessSectionView implements SubjectAccessSectionReport {
  @ApiProperty({
    type: [SubjectAccessStreamView],
    description: "The capability's streams about the person (intake: the trajectories; referral: the referrals).",
  })
  streams!: readonly SubjectAccessStreamView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object' } },
    description: `The capability's read-model rows about the person, by table. ${SEALED_VALUES}`,
  })
  readModels!: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

@ApiExtraModels(SubjectAccessSectionView)
export class SubjectAccessReport {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ enum: ['registered', 'erased'] }) status!: 'registered' | 'erased';
  @ApiProperty({ type: Object, nullable: true, description: 'The personal data held today, opened; null once erased.' })
  personalData!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, description: "The person's data key: active, or destroyed and when." })
  dataKey!: Record<string, unknown>;
  @ApiProperty({ type: [SubjectAccessEventView], description: "Every event of the person's own stream, oldest first." })
  events!: SubjectAccessEventView[];
  @ApiProperty({
    type: Object,
    description: 'Every read-model row of the clients capability about the person, by table, personal data opened.',
  })
  readModels!: Record<string, unknown>;
  @ApiProperty({ type: [Object], description: 'Every access-log entry about the person, newest first.' })
  accessLog!: Record<string, unknown>[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(SubjectAccessSectionView) },
    description:
      'What the other capabilities hold about the person, by capability: `intake` (their trajectories: events and ' +
      'read-model rows, need descriptions opened) and `referral` (their referrals: events and rows, notes and ' +
      'decline explanations opened).',
  })
  capabilities!: Record<string, SubjectAccessSectionView>;
}
