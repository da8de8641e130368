import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../access.decorators';
import { ROLES, type Role } from '../authenticated-user';
import { IDENTIFIER_PATTERN } from '../token-claims';
import { AccessLogged } from './access-logged.decorator';
import type { AccessLogEntryView, AccessOutcome } from './access-log.service';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ReadAccessLog } from './read-access-log.query';

export class AccessLogQuery {
  @ApiPropertyOptional({ description: 'Entries about this person (a client id)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: "Entries of this user (the identity provider's subject)" })
  @IsOptional()
  @Matches(IDENTIFIER_PATTERN, { message: 'userId must be a user id' })
  userId?: string;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class AccessLogEntryDto implements AccessLogEntryView {
  @ApiProperty({ description: 'Position in the log' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Absent for an unauthenticated attempt' })
  userId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationId!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: ['read', 'write'] }) action!: 'read' | 'write';
  @ApiProperty({ example: 'caseFile' }) resourceType!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) resourceId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) personId!: string | null;
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ example: '/case-files/:id', description: 'The route template, never the URL' }) route!: string;
  @ApiProperty({
    example: 200,
    type: 'integer',
    nullable: true,
    description: 'None for a `pending` write: its outcome could not be recorded after it was appended.',
  })
  statusCode!: number | null;
  @ApiProperty({
    enum: ['allowed', 'denied', 'failed', 'pending'],
    description: '`pending`: a write that was appended (or about to be) whose outcome could not be recorded.',
  })
  outcome!: AccessOutcome;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items!: AccessLogEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}

@ApiTags('access log')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('dpo')
  // Reading who saw a person's data is itself a read about that person.
  @AccessLogged({ resource: 'accessLog', action: 'read', personIdQuery: 'personId' })
  @ApiOperation({
    summary: 'Who accessed what, by person or by user, newest first',
    description:
      'Give `personId`, `userId` or both. Entries hold identifiers only. Region-wide: the data-protection officer ' +
      'answers for the partnership (docs/adr/0007-authentication-and-access-control.md).',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiBadRequestResponse({
    description: 'Problem details, code `VALIDATION_FAILED`: no filter, or a bad id, cursor or limit',
  })
  list(@Query() query: AccessLogQuery): Promise<AccessLogPageDto> {
    return this.queries.execute(new ReadAccessLog(query.personId, query.userId, query.cursor, query.limit));
  }
}
