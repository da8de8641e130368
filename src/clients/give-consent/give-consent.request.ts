import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields } from '../../shared/commands/request-validation';
import { CONSENT_SCOPES, type ConsentScope } from '../domain/client.values';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class GiveConsentRequest {
  @ApiProperty({ enum: CONSENT_SCOPES })
  @IsIn(CONSENT_SCOPES)
  scope!: ConsentScope;

  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'Required for `share_with_organisation` (a registered organisation); not allowed otherwise.',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today.' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  validFrom?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Inclusive, not before validFrom; omit or null: until withdrawn.',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'validUntil must be a date (YYYY-MM-DD)' })
  validUntil?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      "The person's INSZ, when an organisation that does not see the person yet records their consent to share " +
      'with itself (the person is at its desk): it must be the INSZ the person was registered with. Checked, never stored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insz?: string;
}

/** The period's rules: real dates, `validUntil` not before `validFrom` (which defaults to `today`). */
export function consentDateProblems(
  request: GiveConsentRequest,
  today: CalendarDate,
  invalid: InvalidFields,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const validFrom = request.validFrom ?? today;
  if (invalid.ok('validFrom') && !isCalendarDate(validFrom)) {
    problems.push({ field: 'validFrom', message: 'validFrom must be a date (YYYY-MM-DD)' });
  }
  const validUntil = request.validUntil ?? null;
  if (invalid.ok('validUntil') && validUntil !== null) {
    if (!isCalendarDate(validUntil)) {
      problems.push({ field: 'validUntil', message: 'validUntil must be a date (YYYY-MM-DD)' });
    } else if (isCalendarDate(validFrom) && validUntil < validFrom) {
      problems.push({ field: 'validUntil', message: 'validUntil must not be before validFrom' });
    }
  }
  return problems;
}

/** An organisation for `share_with_organisation` only, and then a registered one (`isRegistered` looks it up). */
export async function organisationProblem(
  request: GiveConsentRequest,
  isRegistered: (organisationId: string) => Promise<boolean>,
): Promise<FieldProblem | undefined> {
  const organisationId = request.organisationId ?? null;
  if (request.scope !== 'share_with_organisation') {
    return organisationId === null
      ? undefined
      : { field: 'organisationId', message: 'organisationId is only for share_with_organisation' };
  }
  if (organisationId === null) {
    return { field: 'organisationId', message: 'organisationId is required for share_with_organisation' };
  }
  return (await isRegistered(organisationId))
    ? undefined
    : { field: 'organisationId', message: 'organisationId must be a registered organisation' };
}
