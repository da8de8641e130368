import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { JsonPosition } from '../../shared/projections';
import { readCheckpoint, toJsonPosition } from '../../shared/projections';
import type { AggregateRow, Municipality } from '../domain/indicator-table';
import type { IndicatorDefinition } from '../domain/indicators';
import type { PeriodRange } from '../domain/periods';
import { IMPACT_FACTS_PROJECTION, IMPACT_FACTS_VERSION } from '../facts/impact-facts.projection';
import { OBSERVATIONS } from './indicator-queries';

/** What one indicator query needs besides its definition. */
export interface IndicatorSelection {
  readonly range: PeriodRange;
  /** Facts recorded after this instant (ISO text) are left out; null: everything recorded. */
  readonly asOf: string | null;
  readonly organisationId: string | null;
  /** The date "still unanswered" is judged on: today, or the date of `asOf`. */
  readonly referenceDate: CalendarDate;
}

export interface PopulationFigure {
  readonly municipalityId: string;
  readonly year: number;
  readonly population: number;
}

/** Everything a table is built from, read in one snapshot, so that the figures and the position agree. */
export interface IndicatorData {
  readonly rows: AggregateRow[];
  /** With an organisation filter, the same aggregates without it (same snapshot); else null. */
  readonly unfiltered: AggregateRow[] | null;
  readonly municipalities: Municipality[];
  /** Organisations by id, with their names as known now: for the names of organisation pairs (docs/adr/0026). */
  readonly organisationNames: ReadonlyMap<string, string>;
  readonly populations: PopulationFigure[];
  /** The `$all` position the figures reflect; null when no fact was recorded (by `asOf`). */
  readonly position: JsonPosition | null;
}

interface RawAggregate {
  period_start: string;
  municipality_id: string | null;
  category: string | null;
  base: number;
  people: number;
  hits: number;
  hit_people: number;
  miss_people: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

const POSITIONED_TABLES = [
  'residences',
  'reporting_consents',
  'intakes',
  'assessment_scores',
  'right_milestones',
  'unmet_needs',
  'referrals',
  'referral_milestones',
  'population_figures',
  'municipalities',
  'organisations',
];

/** Reads the `impact` schema for the analysts' API. Client ids never leave the database: only aggregates do. */
@Injectable()
export class IndicatorStore {
  constructor(private readonly dataSource: DataSource) {}

  read(definition: IndicatorDefinition, selection: IndicatorSelection): Promise<IndicatorData> {
    return this.snapshot((tx) => this.readIn(tx, definition, selection));
  }

  /**
   * One snapshot: the checkpoint read is the one the facts were committed with (shared/projections README).
   * Compiling these statements (JIT) cost 50-80 ms each on the W13-scale data set, more than it saved
   * (docs/performance.md, impact queries).
   */
  snapshot<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET LOCAL jit = off');
      return work(tx);
    });
  }

  /** Everything one table is built from, in the snapshot `tx` (see `snapshot`). */
  async readIn(
    tx: EntityManager,
    definition: IndicatorDefinition,
    selection: IndicatorSelection,
  ): Promise<IndicatorData> {
    return {
      rows: await this.aggregates(tx, definition, selection),
      unfiltered:
        selection.organisationId === null
          ? null
          : await this.aggregates(tx, definition, { ...selection, organisationId: null }),
      municipalities: await this.municipalities(tx),
      organisationNames: await this.organisationNames(tx),
      populations: await this.populations(tx, selection.asOf),
      position: await this.position(tx, selection.asOf),
    };
  }

  /** The position the facts' projection has reached (its checkpoint); null before any fact. */
  factsPosition(): Promise<JsonPosition | null> {
    return this.snapshot((tx) => this.position(tx, null));
  }

  async municipalityExists(municipalityId: string): Promise<boolean> {
    return this.exists('SELECT 1 FROM impact.municipalities WHERE municipality_id = $1', municipalityId);
  }

  /** The municipality an organisation serves: null for a regional one, undefined when the organisation is unknown. */
  async municipalityOf(organisationId: string): Promise<string | null | undefined> {
    const rows = await this.dataSource.query<{ municipality_id: string | null }[]>(
      'SELECT municipality_id FROM impact.organisations WHERE organisation_id = $1',
      [organisationId],
    );
    return rows[0]?.municipality_id;
  }

  async organisationExists(organisationId: string): Promise<boolean> {
    return this.exists('SELECT 1 FROM impact.organisations WHERE organisation_id = $1', organisationId);
  }

  private async exists(sql: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(sql, [id]);
    return rows.length > 0;
  }

  private async aggregates(
    tx: EntityManager,
    definition: IndicatorDefinition,
    selection: IndicatorSelection,
  ): Promise<AggregateRow[]> {
    const observations = OBSERVATIONS[definition.code];
    if (observations === undefined) throw new Error(`No query for indicator ${definition.code}`);
    // Region and category totals come from the same statement (GROUPING SETS), so they are exactly the sums the
    // suppression assumes, and distinct people are counted once in the region.
    const sets = definition.breakdown?.total
      ? '(period_start, municipality_id, category), (period_start, category), (period_start, municipality_id), (period_start)'
      : '(period_start, municipality_id, category), (period_start, category)';
    const parameters = [
      selection.range.period,
      selection.range.from,
      selection.range.to,
      selection.asOf ?? 'infinity',
      selection.organisationId,
      selection.referenceDate,
    ];
    // PostgreSQL refuses parameters a statement does not use: only the overdue share reads the reference date.
    if (!observations.includes('$6')) parameters.pop();
    const raw: RawAggregate[] = await tx.query(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start,
              CASE WHEN GROUPING(municipality_id) = 1 THEN NULL ELSE municipality_id END AS municipality_id,
              CASE WHEN GROUPING(category) = 1 THEN NULL ELSE category END AS category,
              count(*)::int AS base,
              count(DISTINCT client_id)::int AS people,
              count(*) FILTER (WHERE hit)::int AS hits,
              count(DISTINCT client_id) FILTER (WHERE hit)::int AS hit_people,
              count(DISTINCT client_id) FILTER (WHERE hit IS NOT TRUE)::int AS miss_people,
              avg(measure)::float8 AS mean,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY measure)::float8 AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY measure)::float8 AS p90
         FROM (${observations}) obs
        WHERE ${definition.breakdown ? 'category IS NOT NULL' : 'true'}
        GROUP BY GROUPING SETS (${sets})`,
      parameters,
    );
    return raw.map((row) => ({
      periodStart: row.period_start,
      municipalityId: row.municipality_id,
      category: row.category,
      base: Number(row.base),
      people: Number(row.people),
      hits: Number(row.hits),
      hitPeople: Number(row.hit_people),
      missPeople: Number(row.miss_people),
      mean: row.mean === null ? null : Number(row.mean),
      median: row.median === null ? null : Number(row.median),
      p90: row.p90 === null ? null : Number(row.p90),
    }));
  }

  /** Reference data as known now: a municipality registered after `asOf` only adds empty cells. */
  private async municipalities(tx: EntityManager): Promise<Municipality[]> {
    const rows: { municipality_id: string; name: string }[] = await tx.query(
      'SELECT municipality_id, name FROM impact.municipalities ORDER BY name, municipality_id',
    );
    return rows.map((row) => ({ municipalityId: row.municipality_id, name: row.name }));
  }

  /** Reference data as known now, like the municipalities' names. */
  private async organisationNames(tx: EntityManager): Promise<Map<string, string>> {
    const rows: { organisation_id: string; name: string }[] = await tx.query(
      'SELECT organisation_id, name FROM impact.organisations',
    );
    return new Map(rows.map((row) => [row.organisation_id, row.name]));
  }

  /** Per municipality and year, the figure recorded last (by `asOf`): corrections replace earlier figures. */
  private async populations(tx: EntityManager, asOf: string | null): Promise<PopulationFigure[]> {
    const rows: { municipality_id: string; year: number; population: number }[] = await tx.query(
      `SELECT DISTINCT ON (municipality_id, year) municipality_id, year, population
         FROM impact.population_figures
        WHERE recorded_at <= $1
        ORDER BY municipality_id, year, position_commit DESC, position_prepare DESC`,
      [asOf ?? 'infinity'],
    );
    return rows.map((row) => ({
      municipalityId: row.municipality_id,
      year: Number(row.year),
      population: Number(row.population),
    }));
  }

  /** Without `asOf`, the projection's checkpoint; with it, the last fact recorded by then. */
  private async position(tx: EntityManager, asOf: string | null): Promise<JsonPosition | null> {
    if (asOf === null) {
      const checkpoint = await readCheckpoint(tx, IMPACT_FACTS_PROJECTION, IMPACT_FACTS_VERSION);
      const position = checkpoint ? toJsonPosition(checkpoint.position) : 'start';
      return position === 'start' ? null : position;
    }
    const union = [
      ...POSITIONED_TABLES.map(
        (table) => `SELECT position_commit, position_prepare FROM impact.${table} WHERE recorded_at <= $1`,
      ),
      `SELECT withdrawal_position_commit, withdrawal_position_prepare FROM impact.reporting_consents
        WHERE withdrawal_recorded_at <= $1`,
    ].join(' UNION ALL ');
    const rows: { commit: string; prepare: string }[] = await tx.query(
      `SELECT position_commit::text AS commit, position_prepare::text AS prepare FROM (${union}) p
        ORDER BY position_commit DESC, position_prepare DESC LIMIT 1`,
      [asOf],
    );
    const [row] = rows;
    return row ? { commit: row.commit, prepare: row.prepare } : null;
  }
}
