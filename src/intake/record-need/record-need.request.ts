import type { FieldProblem } from '../../shared/domain/field-problem';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import { DatedRequest } from '../common/dated.request';

export const MAX_NEED_DESCRIPTION_LENGTH = 500;

export class RecordNeedRequest extends DatedRequest {
  @ApiProperty({ enum: LIFE_DOMAINS })
  @IsIn(LIFE_DOMAINS)
  lifeDomain!: LifeDomain;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_NEED_DESCRIPTION_LENGTH,
    description: "A short description, stored sealed with the person's key (erasure reaches it).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NEED_DESCRIPTION_LENGTH)
  description?: string | null;
}

/** A description is left out rather than blank. */
export function descriptionProblems(description: unknown): FieldProblem[] {
  return typeof description === 'string' && description.trim() === ''
    ? [{ field: 'description', message: 'description must not be blank; leave it out instead' }]
    : [];
}
