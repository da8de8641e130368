import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DatedRequest } from '../common/dated.request';
import { INTAKE_OUTCOMES, type IntakeOutcome } from '../domain/intake.values';

export class CloseIntakeRequest extends DatedRequest {
  @ApiProperty({ enum: INTAKE_OUTCOMES })
  @IsIn(INTAKE_OUTCOMES)
  outcome!: IntakeOutcome;
}
