import { Controller, Get, Header, Headers, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer } from '../../shared/http/answer';
import { CSV_CONTENT_TYPE, csvHeaders, wantsCsv } from '../../shared/http/csv';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { PERIODS } from '../domain/periods';
import { toCsv } from './indicator-csv';
import { IndicatorListView, IndicatorResultView } from './indicator.view';
import { ListIndicators, ReadIndicator } from './read-indicators.query';

/**
 * Impact measurement for analysts and coordinators (docs/analysts.md): aggregates only, suppressed below the
 * threshold, never a person. Not access-logged: no case file is read.
 */
@ApiTags('Impact measurement')
@Controller('impact/indicators')
export class ReadIndicatorsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('analyst', 'coordinator')
  @ApiQueryEndpoint('List the indicators', 'Every indicator with its code, version, unit and definition.')
  @ApiOkResponse({ type: IndicatorListView })
  list(): Promise<IndicatorListView> {
    return this.queries.execute(new ListIndicators());
  }

  @Get(':code')
  @Roles('analyst', 'coordinator')
  @ApiQueryEndpoint(
    'Read an indicator',
    'Its figures per period × municipality (and the region) × category, each with its base and whether it is ' +
      "suppressed (fewer people than the threshold in its base, a share's numerator or complement, or needed to " +
      'hide another cell), the indicator version and ' +
      'the event-store position the figures reflect. `from`/`to` widen to whole periods (default: 1 January of ' +
      'this year to today). With `Accept: text/csv` the same table comes as CSV, one line per cell.',
  )
  @ApiParam({ name: 'code', description: 'An indicator code from `GET /impact/indicators`.' })
  @ApiQuery({ name: 'period', required: false, enum: PERIODS, description: 'Default `month`.' })
  @ApiQuery({ name: 'from', required: false, description: 'First date, YYYY-MM-DD.' })
  @ApiQuery({ name: 'to', required: false, description: 'Last date, YYYY-MM-DD (not before `from`).' })
  @ApiQuery({
    name: 'municipalityId',
    required: false,
    description: 'One municipality, or `region` for the region only; default: every municipality and the region.',
  })
  @ApiQuery({
    name: 'organisationId',
    required: false,
    description:
      "Only this organisation's work (see the definition). A cell the full table hides, or whose rest (the full " +
      'cell minus this one) has too few people, is hidden too (docs/analysts.md, "Across answers").',
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'As recorded by then: a date (the end of that day in Belgium) or a date-time with a time zone.',
  })
  @ApiProduces('application/json', CSV_CONTENT_TYPE)
  @ApiOkResponse({ type: IndicatorResultView })
  @Header('vary', 'Accept')
  async read(
    @Param('code') code: string,
    @Query() query: unknown,
    @Headers('accept') accept: string | undefined,
  ): Promise<IndicatorResultView | Answer<string>> {
    const result = await this.queries.execute(new ReadIndicator(code, query));
    if (!wantsCsv(accept)) return result;
    return Answer.represented(toCsv(result), csvHeaders(`${result.indicator.code}.csv`));
  }
}
