import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DatedRequest } from '../common/dated.request';
import {
  INTAKE_OUTCOMES,
  type IntakeOutcome,
  OPEN_REFERRAL_CHOICES,
  type OpenReferralChoice,
} from '../domain/intake.values';

export class CloseIntakeRequest extends DatedRequest {
  @ApiProperty({ enum: INTAKE_OUTCOMES })
  @IsIn(INTAKE_OUTCOMES)
  outcome!: IntakeOutcome;

  @ApiPropertyOptional({
    enum: OPEN_REFERRAL_CHOICES,
    description:
      'Referrals sent from the trajectory that are still open (not completed, declined, dropped or revoked): ' +
      'omitted, the closure is refused (409 `OPEN_REFERRALS`, listing their ids in `openReferralIds`); `keep` ' +
      'closes anyway and leaves them as they are.',
  })
  @IsOptional()
  @IsIn(OPEN_REFERRAL_CHOICES)
  openReferrals?: OpenReferralChoice;
}
