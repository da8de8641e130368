import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { ReportSubjectAccess } from './subject-access.query';
import { SubjectAccessReport } from './subject-access.view';

@ApiTags('Clients')
@Controller('clients')
export class SubjectAccessController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':clientId/subject-access')
  @Roles('dpo')
  @AccessLogged({ resource: 'subjectAccess', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiOperation({
    summary: 'Everything held about a person (GDPR art. 15)',
    description:
      'For the data-protection officer, region-wide: the events, the read-model rows, the access-log entries and ' +
      "the state of the person's data key, personal data opened; and under `capabilities`, the events and rows of " +
      'the other capabilities about the person: their intake trajectories (need descriptions opened) and their ' +
      'referrals (notes and decline explanations opened). After an erasure, what remains (sealed values show as ' +
      '`{ "sealed": true, "readable": false }`).',
  })
  @ApiOkResponse({ type: SubjectAccessReport })
  @ApiProblemsWith(CLIENT_API_TEXTS, 400, 404)
  report(@Param() params: ClientParams): Promise<SubjectAccessReport> {
    return this.queries.execute(new ReportSubjectAccess(params.clientId));
  }
}
