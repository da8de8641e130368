import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional } from 'class-validator';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import { DatedRequest } from '../common/dated.request';
import { LIFE_DOMAIN_SCORE_MAX, LIFE_DOMAIN_SCORE_MIN, PROBLEM_FLAGS, type ProblemFlag } from '../domain/intake.values';

export class AssessLifeDomainsRequest extends DatedRequest {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(
      LIFE_DOMAINS.map((domain) => [
        domain,
        { type: 'integer', minimum: LIFE_DOMAIN_SCORE_MIN, maximum: LIFE_DOMAIN_SCORE_MAX },
      ]),
    ),
    additionalProperties: false,
    description:
      'A score per assessed life domain, 1 (acute problems) to 5 (fully self-reliant); leave out the domains not ' +
      'assessed. At least one score or problem flag.',
    example: { finances: 2, debts: 1, housing: 4 },
  })
  @IsObject()
  /** Checked by `assessmentProblems`: known domains, whole scores 1–5. */
  scores!: Partial<Record<LifeDomain, number>>;

  @ApiPropertyOptional({ enum: PROBLEM_FLAGS, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBLEM_FLAGS.length)
  problemFlags?: ProblemFlag[];
}
