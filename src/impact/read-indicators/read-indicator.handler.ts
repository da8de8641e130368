import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { forbidden } from '../../shared/auth/access-problems';
import type { AuthenticatedUser } from '../../shared/auth';
import { brusselsDateOf, isCalendarDate, type CalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { findIndicator, INDICATORS, type IndicatorDefinition } from '../domain/indicators';
import { defaultFrom, endOfBrusselsDay, rangeTooLong, wholePeriods, MAX_RANGE_YEARS } from '../domain/periods';
import { IndicatorStore } from '../infrastructure/indicator-store';
import { publishedTable } from '../infrastructure/published-table';
import { IndicatorQueryRequest, REGION } from './indicator-query.request';
import type { IndicatorDefinitionView, IndicatorListView, IndicatorResultView } from './indicator.view';
import { ListIndicators, ReadIndicator } from './read-indicators.query';

/** The cells a reader may see: the region's every municipality, or a member's own one (null: none) and the region. */
type ReaderScope = { readonly kind: 'region' } | { readonly kind: 'member'; readonly municipalityId: string | null };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `asOf` as an instant (ISO text): a date means the end of that day in Belgium. Undefined when malformed. */
function parseAsOf(value: string): string | undefined {
  const day = value.slice(0, 10);
  if (day === value) return isCalendarDate(day) ? endOfBrusselsDay(day) : undefined;
  if (!DATE_TIME.test(value) || !isCalendarDate(day)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

function viewOf(definition: IndicatorDefinition): IndicatorDefinitionView {
  return {
    code: definition.code,
    version: definition.version,
    title: definition.title,
    unit: definition.unit,
    aggregate: definition.aggregate,
    observation: definition.observation,
    definition: definition.definition,
    organisationFilter: definition.organisationFilter,
    breakdown: definition.breakdown && { ...definition.breakdown },
  };
}

/** Which indicators exist, with the threshold their figures are suppressed below. */
@QueryHandler(ListIndicators)
export class ListIndicatorsHandler implements IQueryHandler<ListIndicators> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  execute(): Promise<IndicatorListView> {
    return Promise.resolve({
      suppressionThreshold: this.config.impact.suppressionThreshold,
      indicators: INDICATORS.map(viewOf),
    });
  }
}

/** One indicator's published figures: every query parameter checked in one 400, then the suppressed table. */
@QueryHandler(ReadIndicator)
export class ReadIndicatorHandler implements IQueryHandler<ReadIndicator> {
  constructor(
    private readonly store: IndicatorStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reader, code, parameters }: ReadIndicator): Promise<IndicatorResultView> {
    const query = parameters;
    const definition = findIndicator(code);
    const request = await validateRequest(IndicatorQueryRequest, query ?? {}, async (request, invalid) => {
      const problems: FieldProblem[] = [];
      if (!definition)
        problems.push({ field: 'code', message: 'is not an indicator: GET /impact/indicators lists them' });
      for (const field of ['from', 'to'] as const) {
        const value = request[field];
        if (value !== undefined && invalid.ok(field) && !isCalendarDate(value)) {
          problems.push({ field, message: 'must be a date (YYYY-MM-DD)' });
        }
      }
      if (request.asOf !== undefined && invalid.ok('asOf') && parseAsOf(request.asOf) === undefined) {
        problems.push({
          field: 'asOf',
          message: 'must be a date (YYYY-MM-DD) or a date-time with a time zone (2026-03-31T17:00:00Z)',
        });
      }
      if (problems.some((problem) => ['from', 'to', 'asOf'].includes(problem.field))) return problems;
      const { from, to } = this.dates(request);
      if (invalid.ok('from') && invalid.ok('to')) {
        if (to < from) problems.push({ field: 'to', message: 'must not be before from' });
        else if (rangeTooLong(from, to)) {
          problems.push({ field: 'to', message: `the range may span at most ${MAX_RANGE_YEARS} years` });
        }
      }
      const { municipalityId, organisationId } = request;
      if (municipalityId !== undefined && municipalityId !== REGION && invalid.ok('municipalityId')) {
        if (!(await this.store.municipalityExists(municipalityId))) {
          problems.push({ field: 'municipalityId', message: `is not a known municipality, nor "${REGION}"` });
        }
      }
      if (organisationId !== undefined && invalid.ok('organisationId')) {
        if (!(await this.store.organisationExists(organisationId))) {
          problems.push({ field: 'organisationId', message: 'is not a known organisation' });
        }
      }
      return problems;
    });
    const scope = await this.scopeOf(reader);
    if (scope.kind === 'member') {
      const municipality = request.municipalityId;
      const ownOrRegion =
        municipality === undefined || municipality === REGION || municipality === scope.municipalityId;
      const organisation = request.organisationId;
      if (!ownOrRegion || (organisation !== undefined && organisation !== reader.organisationId)) throw forbidden();
    }
    return this.compute(definition!, request, scope);
  }

  /**
   * Analysts and coordinators read the whole region; a member's analyst (only that role) the cells of their
   * organisation's municipality and the region's, and only their own organisation's work (docs/adr/0031).
   */
  private async scopeOf(reader: AuthenticatedUser): Promise<ReaderScope> {
    if (reader.roles.some((role) => role === 'analyst' || role === 'coordinator')) return { kind: 'region' };
    return { kind: 'member', municipalityId: (await this.store.municipalityOf(reader.organisationId)) ?? null };
  }

  private get threshold(): number {
    return this.config.impact.suppressionThreshold;
  }

  /** Defaults: up to the reference date (today, or the date of `asOf`), from 1 January of that year. */
  private dates(request: IndicatorQueryRequest): {
    asOf: string | null;
    reference: CalendarDate;
    from: string;
    to: string;
  } {
    const asOf = request.asOf === undefined ? null : parseAsOf(request.asOf)!;
    const reference = asOf === null ? today(this.clock) : brusselsDateOf(new Date(asOf));
    const to = request.to ?? (request.from !== undefined && request.from > reference ? request.from : reference);
    return { asOf, reference, from: request.from ?? defaultFrom(to), to };
  }

  private async compute(
    definition: IndicatorDefinition,
    request: IndicatorQueryRequest,
    scope: ReaderScope,
  ): Promise<IndicatorResultView> {
    const { asOf, reference, from, to } = this.dates(request);
    const range = wholePeriods(request.period ?? 'month', from, to);
    const organisationId = request.organisationId ?? null;
    const data = await this.store.read(definition, { range, asOf, organisationId, referenceDate: reference });
    const names = new Map(data.municipalities.map((municipality) => [municipality.municipalityId, municipality.name]));
    const cells = publishedTable(definition, range, data, this.threshold);
    const wanted = request.municipalityId;
    return {
      indicator: viewOf(definition),
      period: range.period,
      from: range.from,
      to: range.to,
      asOf,
      municipalityId: wanted ?? null,
      organisationId,
      suppressionThreshold: this.threshold,
      position: data.position,
      // Suppression ran over the whole table, so one municipality's cells hide exactly what the full table hides.
      cells: cells
        .filter((cell) =>
          wanted === undefined
            ? scope.kind === 'region' || cell.municipalityId === null || cell.municipalityId === scope.municipalityId
            : wanted === REGION
              ? cell.municipalityId === null
              : cell.municipalityId === wanted,
        )
        .map((cell) => ({
          ...cell,
          municipalityName: cell.municipalityId === null ? null : (names.get(cell.municipalityId) ?? null),
          categoryName: categoryNameOf(definition, cell.category, data.organisationNames),
        })),
    };
  }
}

/**
 * The names of a dynamic category's organisation pair (`referral_flow`): `OCMW Kortrijk>OCMW Harelbeke` beside
 * `<id>><id>` (docs/adr/0026); null for a fixed category, a total, or an organisation not known by name.
 */
export function categoryNameOf(
  definition: IndicatorDefinition,
  category: string | null,
  organisationNames: ReadonlyMap<string, string>,
): string | null {
  if (definition.breakdown?.categories !== 'dynamic' || category === null) return null;
  const ends = category.split('>');
  if (ends.length !== 2) return null;
  const names = ends.map((organisationId) => organisationNames.get(organisationId));
  return names.every((name) => name !== undefined) ? names.join('>') : null;
}
