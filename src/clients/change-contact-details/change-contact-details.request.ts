import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { InvalidFields } from '../../shared/commands/request-validation';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { contactProblems } from '../domain/personal-details';

/** A new phone or preferred language; a field left out stays as it is, `null` clears it (docs/adr/0028). */
export class ChangeContactDetailsRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 30, example: '+32 470 12 34 56' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 3,
    example: 'fr',
    description: 'ISO 639 code, lower case (`nl`, `fr`, `ar`…).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  preferredLanguage?: string | null;
}

/** At least one of the two, each as registration takes it. */
export function contactDetailsProblems(request: ChangeContactDetailsRequest, invalid: InvalidFields): FieldProblem[] {
  if (request.phone === undefined && request.preferredLanguage === undefined) {
    return [{ field: 'phone', message: 'give phone or preferredLanguage (or both)' }];
  }
  return contactProblems({ phone: request.phone ?? null, preferredLanguage: request.preferredLanguage ?? null }).filter(
    (problem) => invalid.ok(problem.field),
  );
}
