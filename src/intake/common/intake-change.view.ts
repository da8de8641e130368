import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { IntakeState } from '../domain/intake.decider';

/** What a command on a trajectory answers: where the trajectory stands now, and the id of what it created. */
export class IntakeChangeView {
  @ApiProperty({ format: 'uuid' }) trajectoryId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ description: 'The organisation responsible now.' }) organisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: "The caseworker's user id." })
  caseworkerId!: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'The revision (also the ETag); send it back as `If-Match: "<revision>"`.',
  })
  revision!: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'The assessment recorded (assessments only).' })
  assessmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The need recorded (needs only).' })
  needId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The unmet need signalled (unmet needs only).' })
  unmetNeedId?: string;
}

export function changeViewOf(
  result: CommandResult<IntakeState>,
  created: Pick<IntakeChangeView, 'assessmentId' | 'needId' | 'unmetNeedId'> = {},
): IntakeChangeView {
  const { state } = result;
  if (state.status === 'none') throw new Error('A command left no trajectory');
  return {
    trajectoryId: state.trajectoryId,
    status: state.status,
    organisationId: state.organisationId,
    caseworkerId: state.caseworkerId,
    revision: Number(result.revision),
    ...created,
  };
}
