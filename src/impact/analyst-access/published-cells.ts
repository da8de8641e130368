import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { describeErrorForLog } from '../../shared/observability/logging';
import { INDICATORS } from '../domain/indicators';
import { wholePeriods } from '../domain/periods';
import { IndicatorStore } from '../infrastructure/indicator-store';
import { publishedTable } from '../infrastructure/published-table';
import { PUBLISHED_CELLS } from './published-cells.migration';

/**
 * How often the service looks whether the facts moved on since the last refresh. A refresh recomputes the whole
 * history (tens of seconds of database time at W13 scale over ten years), and BI dashboards redraw daily at most.
 */
export const PUBLISH_CHECK_INTERVAL_MS = 15 * 60_000;
const FIRST_CHECK_DELAY_MS = 60_000;

const COLUMNS =
  'indicator, indicator_version, unit, month, municipality_id, category, value, base, suppressed, reference_date, ' +
  'position_commit, position_prepare';

/** Only one refresh at a time across the service's processes: the others skip (any 64-bit constant of ours). */
const REFRESH_LOCK = 7_024_221_001;

/**
 * Refreshes `impact.published_cells`, the only figures the BI role reads (ADR 0024): every indicator by month from
 * the first fact to this month, every municipality and the region, built and suppressed exactly as the API builds
 * them, in one snapshot, with the position they reflect. Storing what is published (rather than views computing
 * over the facts) is what keeps suppressed counts out of the role's plans, statistics and timings.
 *
 * Not inside the facts projection's batches: one refresh recomputes the whole history (every indicator over every
 * month: about a quarter of a second per indicator-year on the W13-scale data set), which per batch would stall the
 * projection. The service checks every 15 minutes whether the facts' checkpoint or the date moved on, and refreshes
 * then; where projections are off (an HTTP-only replica), it does not.
 */
@Injectable()
export class PublishedCells implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PublishedCells.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private published: string | undefined;

  constructor(
    private readonly store: IndicatorStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.projectionsEnabled) return;
    // The first look soon after start (once the facts projection has had time to catch up), then at the interval.
    this.timer = setTimeout(() => {
      this.timer = setInterval(() => void this.refreshIfMoved(), PUBLISH_CHECK_INTERVAL_MS);
      this.timer.unref();
      void this.refreshIfMoved();
    }, FIRST_CHECK_DELAY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer); // the first look's timeout or the interval: Node clears either
    await this.running;
  }

  /** Refreshes when the facts' checkpoint or the date moved on since the last refresh; true when it did. */
  async refreshIfMoved(): Promise<boolean> {
    if (this.running) return false;
    let refreshed = false;
    this.running = (async () => {
      try {
        const state = JSON.stringify([await this.store.factsPosition(), today(this.clock)]);
        if (state === this.published) return;
        await this.refresh();
        this.published = state;
        refreshed = true;
      } catch (error) {
        this.logger.error({ msg: 'published cells not refreshed', ...describeErrorForLog(error) });
      } finally {
        this.running = undefined;
      }
    })();
    await this.running;
    return refreshed;
  }

  /** Recomputes the whole table in one snapshot; skipped when another process is at it. Returns the rows written. */
  async refresh(): Promise<number> {
    const threshold = this.config.impact.suppressionThreshold;
    return this.store.snapshot(async (tx) => {
      const [lock] = await tx.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        REFRESH_LOCK,
      ]);
      if (!lock?.locked) return 0;
      await tx.query(`DELETE FROM impact.${PUBLISHED_CELLS}`);
      const [first] = await tx.query<{ first: string | null }[]>(
        `SELECT to_char(min(occurred_on), 'YYYY-MM-DD') AS first FROM (
           SELECT min(occurred_on) AS occurred_on FROM impact.intakes
           UNION ALL SELECT min(occurred_on) FROM impact.referrals
           UNION ALL SELECT min(occurred_on) FROM impact.unmet_needs
           UNION ALL SELECT min(occurred_on) FROM impact.right_milestones) f`,
      );
      if (!first?.first) return 0;
      const reference = today(this.clock);
      const range = wholePeriods('month', first.first < reference ? first.first : reference, reference);
      let written = 0;
      for (const definition of INDICATORS) {
        const data = await this.store.readIn(tx, definition, {
          range,
          asOf: null,
          organisationId: null,
          referenceDate: reference,
        });
        const rows = publishedTable(definition, range, data, threshold).map((cell) => ({
          indicator: definition.code,
          indicator_version: definition.version,
          unit: definition.unit,
          month: cell.periodStart,
          municipality_id: cell.municipalityId,
          category: cell.category,
          value: cell.value,
          base: cell.base,
          suppressed: cell.suppressed,
          reference_date: reference,
          position_commit: data.position?.commit ?? null,
          position_prepare: data.position?.prepare ?? null,
        }));
        await tx.query(
          `INSERT INTO impact.${PUBLISHED_CELLS} (${COLUMNS})
           SELECT ${COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(
             indicator text, indicator_version integer, unit text, month date, municipality_id text, category text,
             value double precision, base integer, suppressed boolean, reference_date date,
             position_commit numeric, position_prepare numeric)`,
          [JSON.stringify(rows)],
        );
        written += rows.length;
      }
      return written;
    });
  }
}
